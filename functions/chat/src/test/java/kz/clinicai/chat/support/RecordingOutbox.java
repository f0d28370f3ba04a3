package kz.clinicai.chat.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.chat.telegram.OutboxMessage;
import kz.clinicai.chat.telegram.TelegramCall;
import kz.clinicai.chat.telegram.TelegramOutbox;

public final class RecordingOutbox implements TelegramOutbox {

    public record Sent(OutboxMessage message, Duration delay) {
    }

    public record Retry(String receiptHandle, Duration delay) {
    }

    public final List<Sent> sent = new ArrayList<>();
    public final List<Retry> retries = new ArrayList<>();

    @Override
    public synchronized void send(OutboxMessage message, Duration delay) {
        sent.add(new Sent(message, delay));
    }

    @Override
    public synchronized void retryAfter(String receiptHandle, Duration delay) {
        retries.add(new Retry(receiptHandle, delay));
    }

    /** Every call queued so far, in order. */
    public synchronized List<TelegramCall> calls() {
        return sent.stream().flatMap(s -> s.message().calls().stream()).toList();
    }

    /** Texts of sendMessage calls to one Telegram chat. */
    public synchronized List<String> textsTo(long chatId) {
        return calls().stream()
                .filter(c -> c.method().equals("sendMessage") && Long.valueOf(chatId).equals(c.params().get("chat_id")))
                .map(c -> (String) c.params().get("text"))
                .toList();
    }

    /** How many board refreshes were queued for one operator. */
    public synchronized long boardsFor(long operatorId) {
        return sent.stream().filter(s -> Long.valueOf(operatorId).equals(s.message().boardFor())).count();
    }

    public synchronized void clear() {
        sent.clear();
        retries.clear();
    }
}
