package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kz.clinicai.chat.telegram.SentMessageLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What OperatorService relies on from every {@link SentMessageLog}: an operator's reply to a bot message reaches the
 * chat that message was about, by the pair (Telegram chat, message id) and nothing else. Run against the in-memory
 * twin and DynamoDB Local with the template's ChatTable.
 */
abstract class SentMessageLogContract {

    abstract SentMessageLog log();

    SentMessageLog log;
    final Instant now = Instant.now();

    @BeforeEach
    void newLog() {
        log = log();
    }

    @Test
    void aSentMessageLeadsBackToItsChatByTelegramChatAndMessageId() {
        long operator = 6_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        long other = operator + 1;

        log.record(operator, 9001, "REFaaaaaaa", now);
        log.record(operator, 9002, "REFbbbbbbb", now);

        assertThat(log.chatRefOf(operator, 9001)).contains("REFaaaaaaa");
        assertThat(log.chatRefOf(operator, 9002)).contains("REFbbbbbbb");
        assertThat(log.chatRefOf(operator, 9003)).isEmpty();
        assertThat(log.chatRefOf(other, 9001)).as("another operator's message 9001").isEmpty();
    }
}
