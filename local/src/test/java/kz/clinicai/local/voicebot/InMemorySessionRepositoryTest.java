package kz.clinicai.local.voicebot;

import kz.clinicai.voicebot.session.InMemorySessionRepository;
import kz.clinicai.voicebot.session.SessionRepository;

/** The in-memory twin under the same contract as DynamoDbSessionRepositoryIT. */
class InMemorySessionRepositoryTest extends SessionRepositoryContract {

    @Override
    SessionRepository repository() {
        return new InMemorySessionRepository();
    }
}
