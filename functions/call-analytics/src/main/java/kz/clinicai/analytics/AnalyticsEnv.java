package kz.clinicai.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.sheets.v4.Sheets;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.calls.DynamoDbCallStore;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.SqsCallQueue;
import kz.clinicai.analytics.profile.DynamoDbProfileRepository;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.sheets.GoogleSheetsGateway;
import kz.clinicai.analytics.sheets.SheetsGateway;
import kz.clinicai.analytics.pull.DynamoDbPullState;
import kz.clinicai.analytics.pull.PullState;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.analytics.worker.RecordingStore;
import kz.clinicai.analytics.worker.S3RecordingStore;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.secrets.SecretUnavailableException;

/**
 * The wiring the four analytics modules share (package-private: only their {@code fromEnv} use it): each reads only
 * the variables of the pieces it asks for (the template contract checks both directions), and building makes no
 * network call.
 */
final class AnalyticsEnv {

    static final URI DEFAULT_SHEETS_ROOT = URI.create("https://sheets.googleapis.com/");
    static final URI DEFAULT_RECORDS_BASE = URI.create("https://app.uiscom.ru");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration UIS_READ_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SHEETS_READ_TIMEOUT = Duration.ofSeconds(30);

    private final Env env;
    private final AwsClients aws;
    private final SecretStore secrets;
    private final Clock clock = Clock.systemUTC();

    AnalyticsEnv(Env env) {
        this.env = env;
        this.aws = new AwsClients(env);
        this.secrets = SecretStore.from(aws);
    }

    Env env() {
        return env;
    }

    AwsClients aws() {
        return aws;
    }

    SecretStore secrets() {
        return secrets;
    }

    Clock clock() {
        return clock;
    }

    ProfileRepository profiles() {
        return new DynamoDbProfileRepository(aws.dynamoDb(), env.required("PROFILES_TABLE"));
    }

    String callsTable() {
        return env.required("CALLS_TABLE");
    }

    PullState pullState() {
        return new DynamoDbPullState(aws.dynamoDb(), callsTable());
    }

    CallQueue callQueue() {
        return new SqsCallQueue(aws.sqs(), env.required("ANALYTICS_QUEUE_URL"));
    }

    RecordingStore recordings() {
        return new S3RecordingStore(aws.s3(), env.required("ANALYTICS_BUCKET"));
    }

    CallStore calls() {
        return new DynamoDbCallStore(aws.dynamoDb(), callsTable(), clock, Duration.ofDays(env.intValue("CALL_TTL_DAYS", 90)));
    }

    URI recordsBaseUrl() {
        return env.uri("UIS_RECORDS_BASE_URL").orElse(DEFAULT_RECORDS_BASE);
    }

    /** A UIS client per profile run: the token is read from the profile's secret (key {@code access_token}). */
    Function<Profile, UisClient> uis() {
        URI url = env.uri("UIS_API_URL").orElse(UisClient.DEFAULT_URL);
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return profile -> new UisClient(http, url,
                secrets.fieldSupplier(profile.uis().accessTokenSecret(), "access_token"), UIS_READ_TIMEOUT);
    }

    /** A Sheets gateway per profile; clients (and their OAuth tokens) are kept per key, so a warm writer reuses them. */
    Function<Profile, SheetsGateway> sheets() {
        String root = env.uri("SHEETS_ROOT_URL").orElse(DEFAULT_SHEETS_ROOT).toString();
        String rootUrl = root.endsWith("/") ? root : root + "/";
        Map<String, Sheets> clients = new ConcurrentHashMap<>();
        return profile -> {
            String key = serviceAccountJson(profile.sheet().serviceAccountSecret());
            Sheets client = clients.computeIfAbsent(key, k -> GoogleSheetsGateway.client(k, rootUrl, CONNECT_TIMEOUT,
                    SHEETS_READ_TIMEOUT));
            return new GoogleSheetsGateway(client, profile.sheet().spreadsheetId(), profile.sheet().sheetName());
        };
    }

    /** The key JSON: the whole secret (as Google's console downloads it) or its {@code service_account_json} key. */
    String serviceAccountJson(String secretName) {
        String value = secrets.string(secretName);
        try {
            JsonNode node = Json.mapper().readTree(value);
            if ("service_account".equals(node.path("type").asText())) {
                return value;
            }
            JsonNode inner = node.path("service_account_json");
            if (inner.isTextual()) {
                return inner.asText();
            }
            if (inner.isObject()) {
                return inner.toString();
            }
        } catch (java.io.IOException e) {
            // Reported below without the value.
        }
        throw new SecretUnavailableException(secretName,
                "it is neither a Google service-account key JSON nor has a key service_account_json");
    }
}
