package kz.clinicai.local.chat;

import static kz.clinicai.local.chat.ChatStackFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import kz.clinicai.local.chat.TelegramPeople.BotMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The queues under load and failure: concurrent polls, poison replies, Telegram's flood control. */
class ChatQueuesIT {

    @BeforeAll
    static void boot() {
        ChatStackFixture.stack();
    }

    @Test
    void twentyConcurrentPollersOfOneTokenGetEveryReplyExactlyOnce() throws Exception {
        Visitor visitor = Visitor.fresh("pollers");
        int messages = 10;
        ConcurrentLinkedQueue<Visitor.Message> got = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(20);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<?>> pollers = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            pollers.add(pool.submit(() -> {
                Visitor poller = new Visitor(visitor.token);
                started.countDown();
                while (!done.get()) {
                    got.addAll(poller.poll());
                }
                return null;
            }));
        }
        started.await();
        // Replies arrive while the 20 pollers run.
        for (int i = 1; i <= messages; i++) {
            assertThat(visitor.say("Вопрос номер " + i + ".").statusCode()).isEqualTo(201);
        }
        try {
            Await.until(messages + " replies", Duration.ofSeconds(40),
                    () -> got.size() >= messages ? Optional.of(true) : Optional.empty());
        } finally {
            done.set(true);
            for (Future<?> f : pollers) {
                f.get();
            }
            pool.shutdown();
        }
        // Anything still undelivered would be a loss; anything delivered twice a duplicate.
        got.addAll(visitor.poll());

        List<String> texts = got.stream().map(Visitor.Message::text).toList();
        assertThat(texts).hasSize(messages).doesNotHaveDuplicates();
        for (int i = 1; i <= messages; i++) {
            assertThat(texts).contains("Здравствуйте! Я виртуальный помощник (sandbox). Вы написали: Вопрос номер " + i + ".");
        }
    }

    @Test
    void aPoisonReplyJobEndsInTheDeadLetterQueue() {
        // 5 receives x the real 6-minute visibility would take half an hour; the rule under test is the redrive.
        int previous = ChatStackFixture.visibility("ChatReplyQueue", 1);
        try {
            var sqs = ChatStackFixture.stack().aws().sqs();
            String body = "{\"token\":\"poison-" + System.nanoTime() + "\"";
            sqs.sendMessage(b -> b.queueUrl(ChatStackFixture.queueUrl("ChatReplyQueue")).messageBody(body)
                    .messageGroupId("poison-group").messageDeduplicationId("poison-" + System.nanoTime()));

            Message dead = Await.until("the poison message in the DLQ", Duration.ofSeconds(60), () ->
                    sqs.receiveMessage(b -> b.queueUrl(ChatStackFixture.queueUrl("ChatReplyDeadLetterQueue"))
                                    .waitTimeSeconds(1).maxNumberOfMessages(10)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().stream()
                            .filter(m -> m.body().equals(body)).findFirst());

            assertThat(Integer.parseInt(dead.attributes().get(
                    software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
                    .isGreaterThanOrEqualTo(5);
        } finally {
            ChatStackFixture.visibility("ChatReplyQueue", previous);
        }
    }

    @Test
    void telegramFloodControlDelaysSendsWithoutLosingAny() {
        long operator = TelegramPeople.approvedOperator("Flood");
        Visitor visitor = Visitor.fresh("flood");
        visitor.say("Начало " + visitor.token);
        visitor.awaitFrom("GPT");
        visitor.callOperator();
        BotMessage offer = TelegramPeople.awaitOffer(operator, "Начало " + visitor.token);
        String ref = TelegramPeople.take(offer).substring("take:".length());
        TelegramPeople.press(operator, offer.messageId(), "take:" + ref);
        visitor.awaitMessage("connected", m -> m.user().equals("SYSTEM") && m.text().startsWith("Оператор подключился"));

        // Five messages at once to one Telegram chat: the sandbox allows one per second and answers 429 retry_after.
        int burst = 5;
        for (int i = 1; i <= burst; i++) {
            assertThat(visitor.say("Срочно " + i).statusCode()).isEqualTo(201);
        }

        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= burst; i++) {
            expected.add("#" + ref + " Посетитель: Срочно " + i);
        }
        List<Long> dates = Await.until("all " + burst + " messages in Telegram", Duration.ofSeconds(40), () -> {
            var chats = json(ChatStackFixture.get(TelegramPeople.control("chats"), Map.of())).path("chats");
            List<Long> seen = new ArrayList<>();
            Set<String> texts = new HashSet<>();
            for (var chat : chats) {
                if (chat.path("user").path("id").asLong() == operator) {
                    for (var e : chat.path("messages")) {
                        String text = e.path("message").path("text").asText();
                        if (expected.contains(text) && texts.add(text)) {
                            seen.add(e.path("message").path("date").asLong());
                        }
                    }
                }
            }
            return seen.size() == burst ? Optional.of(seen) : Optional.empty();
        });
        // One message per second per chat: five sends span at least four seconds, so 429s were honoured, not ignored.
        long span = dates.stream().mapToLong(Long::longValue).max().orElseThrow()
                - dates.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(span).isGreaterThanOrEqualTo(burst - 2L);
        assertThat(TelegramPeople.botMessages(operator)).filteredOn(m -> expected.contains(m.text())).hasSize(burst);
    }
}
