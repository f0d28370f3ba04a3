package kz.clinicai.calls;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.secrets.SecretStore;

/** CallsSchedulerFunction's composition root: reads its environment once, builds its clients once, no network. */
final class CallsSchedulerModule {

    private final CallsService service;
    private final Duration lostAfter;

    private CallsSchedulerModule(CallsService service, Duration lostAfter) {
        this.service = service;
        this.lostAfter = lostAfter;
    }

    static CallsSchedulerModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        return new CallsSchedulerModule(CallsWiring.service(env, aws, SecretStore.from(aws), Clock.systemUTC()),
                // An active call nothing has touched (no webhook, no turn) for this long is failed as lost and gives
                // its line back: above the longest silence a live call has between its scenario's posts.
                env.seconds("CALLS_LOST_AFTER_SECONDS", Duration.ofMinutes(30)));
    }

    CallsService service() {
        return service;
    }

    Duration lostAfter() {
        return lostAfter;
    }
}
