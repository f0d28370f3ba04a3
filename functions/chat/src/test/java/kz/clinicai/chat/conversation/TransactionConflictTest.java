package kz.clinicai.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.chat.store.TableItem;
import kz.clinicai.shared.retry.Backoff;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Real DynamoDB cancels a transaction that overlaps another on the same item with TransactionConflict (DynamoDB
 * Local never does: it serialises them, so the contract ITs cannot show this). Such a transaction wrote nothing and
 * was not judged, so it runs again; a refused condition is an answer, not retried.
 */
class TransactionConflictTest {

    final Deque<String> answers = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();
    final DynamoDbClient dynamo = new DynamoDbClient() {
        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            calls.incrementAndGet();
            String answer = answers.isEmpty() ? "ok" : answers.pop();
            if (answer.equals("ok")) {
                return TransactWriteItemsResponse.builder().build();
            }
            throw TransactionCanceledException.builder().message("Transaction cancelled")
                    .cancellationReasons(CancellationReason.builder().code("None").build(),
                            CancellationReason.builder().code(answer).build())
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };
    final DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
    final TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
            .addPutItem(new DynamoDbChatTable(client, "chat").table(),
                    TransactPutItemEnhancedRequest.builder(TableItem.class).item(TableItem.key("chat#t", "meta")).build())
            .build();
    final Backoff quick = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void aConflictRunsTheTransactionAgainAndItsConditionsDecide() {
        answers.add("TransactionConflict");
        assertThat(DynamoDbChatRepository.commit(client, request, quick)).isTrue();
        assertThat(calls).hasValue(2);

        answers.add("TransactionConflict");
        answers.add("ConditionalCheckFailed");
        assertThat(DynamoDbChatRepository.commit(client, request, quick)).as("the other side won").isFalse();
        assertThat(calls).hasValue(4);
    }

    @Test
    void aRefusedConditionIsNotRetriedAndAPersistentConflictIsThrown() {
        answers.add("ConditionalCheckFailed");
        assertThat(DynamoDbChatRepository.commit(client, request, quick)).isFalse();
        assertThat(calls).hasValue(1);

        for (int i = 0; i < DynamoDbChatRepository.CONFLICT_ATTEMPTS; i++) {
            answers.add("TransactionConflict");
        }
        assertThatThrownBy(() -> DynamoDbChatRepository.commit(client, request, quick))
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(calls).hasValue(1 + DynamoDbChatRepository.CONFLICT_ATTEMPTS);
    }
}
