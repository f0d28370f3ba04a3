package kz.clinicai.calls;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.calls.api.CallsSettings;
import kz.clinicai.calls.reminders.InfoClinicaReminderAppointments;
import kz.clinicai.calls.reminders.DynamoDbReminderUsage;
import kz.clinicai.calls.reminders.ReminderDispatcher;
import kz.clinicai.calls.reminders.ReminderMetering;
import kz.clinicai.calls.reminders.ReminderOutcomes;
import kz.clinicai.calls.reminders.ReminderWebhooks;
import kz.clinicai.shared.clinic.CachingInfoClinicaClients;
import kz.clinicai.shared.clinic.SecretsManagerClinicCertificates;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.secrets.SecretStore;

/** CallsSchedulerFunction's composition root: reads its environment once, builds its clients once, no network. */
final class CallsSchedulerModule {

    private final CallsService service;
    private final Duration lostAfter;
    private final ReminderDispatcher reminders;
    private final int reminderBudget;
    private ReminderWebhooks webhooks;
    private int webhookBudget;

    private CallsSchedulerModule(CallsService service, Duration lostAfter, ReminderDispatcher reminders,
                                 int reminderBudget) {
        this.service = service;
        this.lostAfter = lostAfter;
        this.reminders = reminders;
        this.reminderBudget = reminderBudget;
    }

    static CallsSchedulerModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        Clock clock = Clock.systemUTC();
        CallsSettings settings = CallsWiring.settings(env);
        ReminderDispatcher reminders = new ReminderDispatcher(CallsWiring.reminders(env, aws, clock),
                CallsWiring.repository(env, aws, clock),
                new InfoClinicaReminderAppointments(CallsWiring.clinics(env, aws),
                        new CachingInfoClinicaClients(SecretsManagerClinicCertificates.from(aws), clock), clock,
                        env.seconds("REMINDERS_INFOCLINICA_TIMEOUT_SECONDS", Duration.ofSeconds(10))),
                settings.hours(), settings.zones(), settings.fallbackZone(), settings.defaultMode(),
                env.intValue("REMINDERS_MAX_CONCURRENT_PER_CLINIC", 5), clock);
        SecretStore secrets = SecretStore.from(aws);
        // A reminder call that never started or was lost has no webhook to end it: its entry's outcome, outcome
        // event and usage come from here.
        ReminderOutcomes outcomes = new ReminderOutcomes(CallsWiring.reminders(env, aws, clock));
        ReminderMetering metering = new ReminderMetering(
                new DynamoDbReminderUsage(aws.dynamoDb(), env.required("USAGE_TABLE")),
                CallsWiring.repository(env, aws, clock), clock);
        CallsSchedulerModule module = new CallsSchedulerModule(CallsWiring.service(env, aws, secrets, clock)
                .onEnded(call -> {
                    outcomes.ended(call);
                    metering.ended(call);
                }),
                // An active call nothing has touched (no webhook, no turn) for this long is failed as lost and gives
                // its line back: above the longest silence a live call has between its scenario's posts.
                env.seconds("CALLS_LOST_AFTER_SECONDS", Duration.ofMinutes(30)), reminders,
                // Entries read from InfoClinica per tick: each is one WEB_SCHEDULE_INFO (≈ 0.1-1 s).
                env.intValue("REMINDERS_PER_TICK", 50));
        // Outcome events for the lists' webhooks: written with the outcome, sent (and re-sent) from here.
        module.webhooks = new ReminderWebhooks(CallsWiring.reminders(env, aws, clock),
                CallsWiring.webhookKeys(env, secrets)::reminderKey, ReminderWebhooks.Settings.defaults(), clock);
        module.webhookBudget = env.intValue("REMINDERS_WEBHOOKS_PER_TICK", 50);
        return module;
    }

    ReminderWebhooks webhooks() {
        return webhooks;
    }

    int webhookBudget() {
        return webhookBudget;
    }

    ReminderDispatcher reminders() {
        return reminders;
    }

    int reminderBudget() {
        return reminderBudget;
    }

    CallsService service() {
        return service;
    }

    Duration lostAfter() {
        return lostAfter;
    }
}
