package kz.clinicai.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.aws.AwsClients;
import kz.clinicai.local.aws.LocalWorld;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.TemplateException;
import kz.clinicai.shared.json.Json;

/**
 * A function's environment as Lambda would give it: the template's variables (Globals merged) resolved against
 * the local world, CloudFormation dynamic references to Secrets Manager resolved from the local secrets, plus
 * what the Lambda platform itself sets, pointing the AWS SDK at the embedded servers.
 */
public final class FunctionEnvironment {

    private static final Pattern SECRET = Pattern.compile(
            "\\{\\{resolve:secretsmanager:([^:}]+)(?::SecretString)?(?::([^:}]*))?(?::[^}]*)?}}");

    private final LocalWorld world;
    private final Map<String, String> secrets;
    private final Map<String, URI> endpoints;

    /** @param endpoints DYNAMODB/SQS/S3 → embedded server URL */
    public FunctionEnvironment(LocalWorld world, Map<String, String> secrets, Map<String, URI> endpoints) {
        this.world = world;
        this.secrets = Map.copyOf(secrets);
        this.endpoints = Map.copyOf(endpoints);
    }

    public Map<String, String> of(FunctionDef function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, raw) -> {
            String value = world.intrinsics().string(raw);
            if (value != null) {
                env.put(name, resolveSecrets(function, name, value));
            }
        });
        env.put("AWS_REGION", LocalWorld.REGION);
        env.put("AWS_DEFAULT_REGION", LocalWorld.REGION);
        env.put("AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY);
        endpoints.forEach((service, url) -> env.put("AWS_ENDPOINT_URL_" + service, url.toString()));
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        return env;
    }

    String resolveSecrets(FunctionDef function, String variable, String value) {
        Matcher m = SECRET.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String secret = secrets.get(name);
            if (secret == null) {
                throw new TemplateException(function.logicalId() + " " + variable + ": no local secret " + name
                        + " (add secret." + name + "=... to local-stack.properties, or its service's settings)");
            }
            String key = m.group(2);
            String replacement = key == null || key.isEmpty() ? secret : jsonKey(secret, key, name);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String jsonKey(String secret, String key, String name) {
        try {
            JsonNode node = Json.mapper().readTree(secret).get(key);
            if (node == null) {
                throw new TemplateException("local secret " + name + " has no key " + key);
            }
            return node.isTextual() ? node.asText() : node.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TemplateException("local secret " + name + " is not JSON, so it has no key " + key, e);
        }
    }
}
