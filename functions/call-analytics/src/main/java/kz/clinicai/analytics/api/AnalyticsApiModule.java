package kz.clinicai.analytics.api;

import java.util.ArrayList;
import java.util.List;
import kz.clinicai.analytics.AnalyticsEnv;
import kz.clinicai.analytics.calls.SqsCallQueue;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileCheck;
import kz.clinicai.analytics.pull.PullState;
import kz.clinicai.analytics.sheets.SheetsGateway;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.secrets.SecretUnavailableException;

/**
 * Composition root of {@link AnalyticsApiHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS,
 * ANALYTICS_QUEUE_URL, ANALYTICS_API_SECRET_NAME (secret with key {@code api_key}: the x-api-key),
 * ANALYTICS_SECRETS_PREFIX (profiles may name only secrets under it: the functions may read only those),
 * SHEETS_ROOT_URL and the AWS variables.
 */
public final class AnalyticsApiModule {

    private final AnalyticsApi api;

    AnalyticsApiModule(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        String prefix = env.required("ANALYTICS_SECRETS_PREFIX");
        var sheets = a.sheets();
        ProfileCheck check = profile -> check(profile, prefix, a, sheets);
        this.api = new AnalyticsApi(a.profiles(), a.calls(), new PullState(a.aws().dynamoDb(), a.callsTable()),
                new SqsCallQueue(a.aws().sqs(), env.required("ANALYTICS_QUEUE_URL")), check,
                a.secrets().fieldSupplier(env.required("ANALYTICS_API_SECRET_NAME"), "api_key"), a.clock());
    }

    public static AnalyticsApiModule fromEnv() {
        return new AnalyticsApiModule(Env.current());
    }

    AnalyticsApi api() {
        return api;
    }

    /** The secrets exist (and are under the prefix the functions may read), the sheet opens with that key. */
    static void check(Profile p, String prefix, AnalyticsEnv a, java.util.function.Function<Profile, SheetsGateway> sheets) {
        List<String> problems = new ArrayList<>();
        for (String secret : List.of(p.uis().accessTokenSecret(), p.sheet().serviceAccountSecret())) {
            if (!secret.startsWith(prefix)) {
                problems.add("secret " + secret + " is outside " + prefix + " (the only secrets the analytics may read)");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid_profile", String.join("; ", problems));
        }
        try {
            a.secrets().field(p.uis().accessTokenSecret(), "access_token");
        } catch (SecretUnavailableException e) {
            throw ApiException.badRequest("unknown_secret", "uis.accessTokenSecret: " + e.getMessage());
        }
        try {
            sheets.apply(p).header();
        } catch (SecretUnavailableException e) {
            throw ApiException.badRequest("unknown_secret", "sheet.serviceAccountSecret: " + e.getMessage());
        } catch (SheetsGateway.NotAccessible e) {
            throw ApiException.badRequest("unknown_sheet", "sheet: " + e.getMessage()
                    + " (share the spreadsheet with the service account's e-mail as an editor)");
        } catch (SheetsGateway.QuotaExceeded | SheetsGateway.OutcomeUnknown e) {
            throw new ApiException(503, "sheets_unavailable", "Google Sheets did not answer the check; try again");
        }
    }
}
