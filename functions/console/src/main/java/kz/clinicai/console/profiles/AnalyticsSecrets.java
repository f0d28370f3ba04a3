package kz.clinicai.console.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * The secrets analytics profiles name, under the prefix the analytics functions may read (ANALYTICS_SECRETS_PREFIX):
 * their names for the page's pickers, and an upload that stores a UIS token or a Google service-account key under
 * a name there. Values are written, never read back or shown.
 */
public final class AnalyticsSecrets {

    /** What an uploaded value is; decides the secret's JSON (the shape docs/call-analytics.md names). */
    public enum Kind { UIS_TOKEN, GOOGLE_KEY }

    /** A value or name the form cannot store, said for the person; {@code field} as the API names it. */
    public static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    // Secrets Manager's own name alphabet.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final int MAX_VALUE = 32 * 1024;

    private final SecretsManagerClient client;
    private final String prefix;

    public AnalyticsSecrets(SecretsManagerClient client, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public String prefix() {
        return prefix;
    }

    /** Names of the secrets under the prefix, sorted. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            ListSecretsResponse page = client.listSecrets(ListSecretsRequest.builder().nextToken(token).maxResults(100)
                    .filters(Filter.builder().key(FilterNameStringType.NAME).values(prefix).build()).build());
            // The name filter's matching is looser than startsWith (case, word prefixes): keep exact prefixes only.
            page.secretList().stream().map(s -> s.name()).filter(n -> n != null && n.startsWith(prefix))
                    .forEach(out::add);
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out.stream().sorted().toList();
    }

    /**
     * Stores {@code value} as the secret {@code name} (created, or a new version when it exists): a UIS token as
     * {@code {"access_token": …}}, a Google key as the key JSON itself.
     *
     * @throws Refused a name outside the prefix, an empty value, a Google key that is not a service-account key JSON
     */
    public void store(String name, Kind kind, String value) {
        String field = kind == Kind.UIS_TOKEN ? "uis.accessTokenSecret" : "sheet.serviceAccountSecret";
        if (name == null || !name.startsWith(prefix) || name.length() == prefix.length() || !NAME.matcher(name).matches()) {
            throw new Refused(field, "имя секрета: под " + prefix + " (буквы, цифры, /_+=.@-)");
        }
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > MAX_VALUE) {
            throw new Refused(field, "значение секрета: пусто или длиннее " + MAX_VALUE + " символов");
        }
        String secret;
        if (kind == Kind.UIS_TOKEN) {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("access_token", v);
            secret = json.toString();
        } else {
            try {
                JsonNode key = Json.mapper().readTree(v);
                if (!key.isObject() || !key.hasNonNull("client_email") || !key.hasNonNull("private_key")) {
                    throw new Refused(field, "ключ Google: JSON сервисного аккаунта, как его скачивает консоль Google "
                            + "(с client_email и private_key)");
                }
                secret = key.toString();
            } catch (JsonProcessingException e) {
                throw new Refused(field, "ключ Google: не JSON");
            }
        }
        try {
            client.createSecret(CreateSecretRequest.builder().name(name).secretString(secret)
                    .description("Analytics profile secret, uploaded in the console").build());
        } catch (ResourceExistsException e) {
            client.putSecretValue(PutSecretValueRequest.builder().secretId(name).secretString(secret).build());
        }
    }
}
