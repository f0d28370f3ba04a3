package kz.clinicai.chat.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.support.Events;
import kz.clinicai.chat.support.InMemoryChatRepository;
import kz.clinicai.chat.support.InMemoryOperatorRepository;
import kz.clinicai.chat.support.MutableClock;
import kz.clinicai.chat.support.RecordingOutbox;
import org.junit.jupiter.api.Test;

class ChatReplyWorkerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-09T06:00:00Z"));
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final List<String> modelSaw = new ArrayList<>();

    ChatReplyWorker worker() {
        ChatModel model = (assistant, history) -> {
            String last = history.get(history.size() - 1).text();
            modelSaw.add(last);
            if (last.equals("boom")) {
                throw new IllegalStateException("a bug, not a provider failure");
            }
            return new ModelAnswer(Optional.of("re: " + last), Optional.empty());
        };
        ReplyService service = new ReplyService(chats, model,
                new ResourceChatInstructions("m", ResourceChatInstructions.DEFAULT_RESOURCE),
                new OperatorDispatch(chats, new InMemoryOperatorRepository(), new RecordingOutbox()), 30, clock);
        return new ChatReplyWorker(service);
    }

    String job(String token, String text) {
        chats.open(token, clock.instant());
        ChatMessage message = ChatMessage.create(Author.VISITOR, text, clock.instant());
        chats.addVisitorMessage(token, message);
        return "{\"token\":\"" + token + "\",\"messageId\":\"" + message.id() + "\"}";
    }

    @Test
    void reportsTheFailedRecordAndEverythingAfterItUnprocessed() {
        String token = "visitor-token-0000000001";
        var event = Events.fifo(token, job(token, "one"), job(token, "boom"), job(token, "three"));

        SQSBatchResponse response = worker().process(event);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m2", "m3");
        // The third was not attempted: in a FIFO group it must wait for the second.
        assertThat(modelSaw).containsExactly("one", "boom");
        assertThat(chats.undelivered(token)).extracting(ChatMessage::text).containsExactly("re: one");
    }

    @Test
    void unreadableRecordFailsAlone() {
        String token = "visitor-token-0000000002";
        SQSBatchResponse response = worker().process(Events.fifo(token, "not json", job(token, "x")));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1", "m2");
    }

    @Test
    void redeliveredBatchDoesNotAnswerTwice() {
        String token = "visitor-token-0000000003";
        var event = Events.fifo(token, job(token, "hello"));

        assertThat(worker().process(event).getBatchItemFailures()).isEmpty();
        assertThat(worker().process(event).getBatchItemFailures()).isEmpty();

        assertThat(modelSaw).containsExactly("hello");
        assertThat(chats.undelivered(token)).hasSize(1);
    }
}
