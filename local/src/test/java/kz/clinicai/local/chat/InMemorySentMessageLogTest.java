package kz.clinicai.local.chat;

import kz.clinicai.chat.support.InMemorySentMessageLog;
import kz.clinicai.chat.telegram.SentMessageLog;

/** The in-memory twin (chat's test-jar) under the same contract as DynamoDbSentMessageLogIT. */
class InMemorySentMessageLogTest extends SentMessageLogContract {

    @Override
    SentMessageLog log() {
        return new InMemorySentMessageLog();
    }
}
