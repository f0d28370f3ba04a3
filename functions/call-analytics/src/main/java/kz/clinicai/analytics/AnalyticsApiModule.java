package kz.clinicai.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.clinicai.analytics.api.AnalyticsApi;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileCheck;
import kz.clinicai.analytics.pull.PullService;
import kz.clinicai.analytics.sheets.SheetsGateway;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.secrets.SecretUnavailableException;

/**
 * Composition root of {@link AnalyticsApiHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS,
 * ANALYTICS_QUEUE_URL, ANALYTICS_API_SECRET_NAME (secret with key {@code api_key}: the x-api-key),
 * ANALYTICS_SECRETS_PREFIX (profiles may name only secrets under it: the functions may read only those),
 * SHEETS_ROOT_URL, for "pull now" what the pull reads (UIS_API_URL, PULL_*, UIS_POINT_RESERVE; see
 * {@link UisPullModule}) and PULL_NOW_SECONDS (20: how long one pull now may run), and the AWS variables.
 */
final class AnalyticsApiModule {

    private final AnalyticsApi api;
    private final Supplier<String> apiKey;

    AnalyticsApiModule(AnalyticsApi api, Supplier<String> apiKey) {
        this.api = api;
        this.apiKey = apiKey;
    }

    static AnalyticsApiModule fromEnv(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        String prefix = env.required("ANALYTICS_SECRETS_PREFIX");
        Function<Profile, SheetsGateway> sheets = a.sheets();
        SecretStore secrets = a.secrets();
        ProfileCheck check = profile -> check(profile, prefix, secrets, sheets);
        Supplier<String> apiKey = secrets.fieldSupplier(env.required("ANALYTICS_API_SECRET_NAME"), "api_key");
        // "Pull now" runs the scheduled pull's code for one profile within API Gateway's 30 s; what does not fit is
        // pulled from the checkpoint by the next run.
        PullService pull = UisPullModule.service(a, env);
        Duration budget = Duration.ofSeconds(env.intValue("PULL_NOW_SECONDS", 20));
        AnalyticsApi.PullNow pullNow = p -> pull.run(p, a.clock().instant().plus(budget));
        return new AnalyticsApiModule(new AnalyticsApi(a.profiles(), a.calls(), a.pullState(), a.callQueue(), check,
                pullNow, a.clock()), apiKey);
    }

    AnalyticsApi api() {
        return api;
    }

    Supplier<String> apiKey() {
        return apiKey;
    }

    /** The secrets exist (and are under the prefix the functions may read), the sheet opens with that key. */
    static void check(Profile p, String prefix, SecretStore secrets, Function<Profile, SheetsGateway> sheets) {
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
            secrets.field(p.uis().accessTokenSecret(), "access_token");
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
