package kz.clinicai.local.deploy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every Secrets Manager secret that template.yaml names through a {@code *SecretName} parameter, with the keys the
 * functions read from it: internal keys the bootstrap makes itself (strong random values), vendor credentials it
 * asks for. The names come from the template's parameters (their defaults, or the operator's overrides), so a
 * renamed secret is followed. {@link #OPTIONAL_PARAMETERS} are the *SecretName parameters whose empty default
 * switches a feature off; a contract test holds this plan and the template's parameters together.
 */
final class SecretPlan {

    /** How one key of a secret gets its value. */
    sealed interface Source {
    }

    /** Made here: {@code generator} draws a fresh strong value. */
    record Internal(String description, Function<SecureRandom, String> generator) implements Source {
    }

    /**
     * A vendor credential: from environment variable {@code env} (or a file named by {@code env + "_FILE"}), else
     * asked for; {@code check} returns why a value cannot be right (empty: fine). Never printed.
     */
    record Vendor(String env, String what, Function<String, Optional<String>> check) implements Source {
    }

    /** A key of a secret. */
    record Key(String name, Source source) {
    }

    /** A secret: the template parameter naming it, who needs it, and its keys. */
    record Secret(String parameter, String neededBy, List<Key> keys) {
    }

    /** *SecretName parameters whose empty default turns their feature off: created only when named. */
    static final Map<String, String> OPTIONAL_PARAMETERS = Map.of(
            "ConsoleOpenAiAdminSecretName", "organisation costs on the console's dashboard (OpenAI Admin API key)");

    /** The secret of the Google service account that analytics profiles name (under AnalyticsSecretsPrefix). */
    static final String GOOGLE_SECRET_SUFFIX = "google";

    private SecretPlan() {
    }

    static List<Secret> secrets() {
        return List.of(
                new Secret("OpenAiSecretName", "voicebot, chat, calls, analytics, console",
                        List.of(new Key("api_key", new Vendor("OPENAI_API_KEY", "OpenAI API key",
                                SecretPlan::openAiKey)))),
                new Secret("AssistantsApiSecretName", "assistants API (x-api-key)",
                        List.of(new Key("api_key", apiKey()))),
                new Secret("TelegramSecretName", "web chat's operators (Telegram bot)",
                        List.of(new Key("bot_token", new Vendor("TELEGRAM_BOT_TOKEN", "Telegram bot token (@BotFather)",
                                        SecretPlan::telegramToken)),
                                // Telegram's secret_token: 1-256 characters of A-Z a-z 0-9 _ -
                                new Key("webhook_secret", new Internal("Telegram webhook secret_token",
                                        r -> token(r, 48))))),
                new Secret("CallsApiSecretName", "calls API (x-api-key)", List.of(new Key("api_key", apiKey()))),
                new Secret("CallsWebhookSecretName", "calls: scenario webhook and result webhook signatures",
                        List.of(new Key("signing_key", new Internal("scenario signing master key", r -> token(r, 64))),
                                new Key("result_signing_key", new Internal("result webhook signing key",
                                        r -> token(r, 64))))),
                new Secret("VoximplantSecretName", "calls (Voximplant management API)",
                        List.of(new Key("credentials", new Vendor("VOXIMPLANT_CREDENTIALS",
                                "Voximplant service account JSON", SecretPlan::voximplantCredentials)))),
                new Secret("AnalyticsApiSecretName", "analytics API (x-api-key)", List.of(new Key("api_key", apiKey()))),
                new Secret("ConsoleSecretName", "console session cookies",
                        List.of(new Key("session_key", new Internal("session sealing key (32 bytes, base64)",
                                r -> Base64.getEncoder().encodeToString(bytes(r, 32)))))),
                new Secret("ConsoleOpenAiAdminSecretName", OPTIONAL_PARAMETERS.get("ConsoleOpenAiAdminSecretName"),
                        List.of(new Key("admin_key", new Vendor("OPENAI_ADMIN_KEY", "OpenAI Admin API key",
                                v -> v.startsWith("sk-admin-") ? Optional.empty()
                                        : Optional.of("an OpenAI Admin key starts with sk-admin-"))))));
    }

    /** The analytics profiles' Google service account, named {@code <AnalyticsSecretsPrefix>google}. */
    static Secret google() {
        return new Secret("AnalyticsSecretsPrefix", "analytics (Google Sheets)",
                List.of(new Key("service_account_json", new Vendor("GOOGLE_SERVICE_ACCOUNT_JSON",
                        "Google service account key JSON", SecretPlan::googleServiceAccount))));
    }

    private static Internal apiKey() {
        return new Internal("API key", r -> token(r, 43));
    }

    /** {@code chars} characters of base64url (6 bits each): 43 carry 256 bits. */
    static String token(SecureRandom random, int chars) {
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, chars));
        return s.substring(0, chars);
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static Optional<String> openAiKey(String v) {
        return v.startsWith("sk-") && v.length() >= 20 && !v.contains(" ") ? Optional.empty()
                : Optional.of("an OpenAI API key starts with sk- and has no spaces");
    }

    private static Optional<String> telegramToken(String v) {
        return v.matches("\\d+:[A-Za-z0-9_-]{30,}") ? Optional.empty()
                : Optional.of("a bot token looks like 123456789:AA… (digits, colon, 30+ characters)");
    }

    private static Optional<String> voximplantCredentials(String v) {
        return jsonWith(v, List.of("account_id", "key_id", "private_key"), "a Voximplant service account JSON");
    }

    private static Optional<String> googleServiceAccount(String v) {
        return jsonWith(v, List.of("type", "client_email", "private_key"), "a Google service account key JSON");
    }

    private static Optional<String> jsonWith(String v, List<String> fields, String what) {
        try {
            var node = kz.clinicai.shared.json.Json.mapper().readTree(v);
            for (String f : fields) {
                if (node == null || !node.hasNonNull(f)) {
                    return Optional.of(what + " has " + String.join(", ", fields));
                }
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.of("not JSON; expected " + what);
        }
    }
}
