package kz.clinicai.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kz.clinicai.local.template.SamTemplate;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The first-deploy step (docs/deploy.md): every secret template.yaml names exists with every key its functions read.
 * Internal keys get strong random values; vendor credentials come from the environment (VAR or VAR_FILE) or, on a
 * terminal, are asked for without echo. Idempotent: a secret or key that exists is never replaced, so a second run
 * changes nothing. No secret value is ever printed: only names, keys and what is still missing.
 */
public final class Bootstrap {

    /** What one run did; {@code missing} lists "secret key (VAR): why". */
    public record Result(List<String> created, List<String> updated, List<String> unchanged, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /** Asks the operator for a vendor credential; empty when nobody answers (no terminal, or an empty answer). */
    public interface Prompt {
        Optional<String> ask(String question);

        Prompt NONE = question -> Optional.empty();

        /** The terminal's hidden input (System.console().readPassword), if there is a terminal. */
        static Prompt console() {
            java.io.Console console = System.console();
            if (console == null) {
                return NONE;
            }
            return question -> {
                char[] answer = console.readPassword("%s (Enter to skip): ", question);
                return answer == null || answer.length == 0 ? Optional.empty() : Optional.of(new String(answer).strip());
            };
        }
    }

    private final SecretsManagerClient secrets;
    private final Map<String, String> parameters;
    private final Function<String, String> env;
    private final Prompt prompt;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param parameters the template's parameter values (defaults with the operator's overrides)
     * @param env        the environment (System::getenv)
     */
    public Bootstrap(SecretsManagerClient secrets, Map<String, String> parameters, Function<String, String> env,
                     Prompt prompt, PrintStream out) {
        this.secrets = secrets;
        this.parameters = Map.copyOf(parameters);
        this.env = env;
        this.prompt = prompt;
        this.out = out;
    }

    /** The template's parameter defaults, then {@code overrides} (Name=Value, as sam deploy takes them). */
    public static Map<String, String> parameters(SamTemplate template, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        template.parameters().forEach((name, p) -> values.put(name, p.defaultValue() == null ? "" : p.defaultValue()));
        overrides.forEach((name, value) -> {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
            values.put(name, value);
        });
        return values;
    }

    public Result run() {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<SecretPlan.Secret> plan = new ArrayList<>(SecretPlan.secrets());
        plan.add(SecretPlan.google());
        for (SecretPlan.Secret secret : plan) {
            String name = secretName(secret);
            if (name.isEmpty()) {
                out.println("skip      " + secret.parameter() + " is empty: " + secret.neededBy() + " stays off");
                continue;
            }
            Optional<ObjectNode> current;
            try {
                current = read(name);
            } catch (IllegalStateException e) {
                missing.add(name + ": " + e.getMessage());
                out.println("CHECK     " + name + ": " + e.getMessage() + " (left as it is)");
                continue;
            }
            ObjectNode value = current.map(ObjectNode::deepCopy).orElseGet(() -> Json.mapper().createObjectNode());
            List<String> added = new ArrayList<>();
            for (SecretPlan.Key key : secret.keys()) {
                if (value.hasNonNull(key.name()) && !value.get(key.name()).asText().isBlank()) {
                    continue;
                }
                Optional<String> v = switch (key.source()) {
                    case SecretPlan.Internal internal -> Optional.of(internal.generator().apply(random));
                    case SecretPlan.Vendor vendor -> vendor(name, key.name(), vendor, missing);
                };
                v.ifPresent(s -> {
                    value.put(key.name(), s);
                    added.add(key.name());
                });
            }
            if (added.isEmpty() && current.isEmpty()) {
                out.println("missing   " + name + " (not created: it has no value yet)");
            } else if (added.isEmpty()) {
                unchanged.add(name);
                out.println("present   " + name + " (" + keys(value) + ")");
            } else if (current.isEmpty()) {
                secrets.createSecret(b -> b.name(name).description("clinicai: " + secret.neededBy())
                        .secretString(value.toString()));
                created.add(name);
                out.println("created   " + name + " (" + String.join(", ", added) + ")");
            } else {
                secrets.putSecretValue(b -> b.secretId(name).secretString(value.toString()));
                updated.add(name);
                out.println("added     " + name + ": " + String.join(", ", added) + " (kept " + kept(value, added)
                        + ")");
            }
        }
        out.println();
        out.println("Per clinic (voicebot) and per analytics profile (UIS token) secrets are added later, with "
                + "the clinic or the profile: " + parameters.getOrDefault("ClinicSecretsPrefix", "") + "<clinic>, "
                + parameters.getOrDefault("AnalyticsSecretsPrefix", "") + "<name>.");
        if (missing.isEmpty()) {
            out.println("Complete: every secret of template.yaml exists. Next: sam deploy (parameters: "
                    + "samconfig.example.toml)");
        } else {
            out.println("Still missing (" + missing.size() + "); set the variable (or VAR_FILE) and run again:");
            missing.forEach(m -> out.println("  - " + m));
        }
        return new Result(created, updated, unchanged, missing);
    }

    private String secretName(SecretPlan.Secret secret) {
        String value = parameters.getOrDefault(secret.parameter(), "");
        return secret.parameter().equals("AnalyticsSecretsPrefix") ? value + SecretPlan.GOOGLE_SECRET_SUFFIX : value;
    }

    private Optional<String> vendor(String secret, String key, SecretPlan.Vendor vendor, List<String> missing) {
        Optional<String> value = Optional.ofNullable(env.apply(vendor.env())).map(String::strip)
                .filter(s -> !s.isEmpty());
        String from = vendor.env();
        if (value.isEmpty()) {
            String file = env.apply(vendor.env() + "_FILE");
            if (file != null && !file.isBlank()) {
                from = vendor.env() + "_FILE";
                try {
                    value = Optional.of(Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    missing.add(secret + " " + key + " (" + from + "): cannot read " + file.strip());
                    return Optional.empty();
                }
            }
        }
        if (value.isEmpty()) {
            from = "the prompt";
            value = prompt.ask(vendor.what() + " for " + secret + " " + key);
        }
        if (value.isEmpty()) {
            missing.add(secret + " " + key + " (" + vendor.env() + " or " + vendor.env() + "_FILE): " + vendor.what());
            return Optional.empty();
        }
        Optional<String> wrong = vendor.check().apply(value.get());
        if (wrong.isPresent()) {
            // The reason only: the value itself is never printed.
            missing.add(secret + " " + key + " (" + from + "): refused, " + wrong.get());
            return Optional.empty();
        }
        return value;
    }

    /** The secret's JSON object, empty when there is no such secret. */
    private Optional<ObjectNode> read(String name) {
        String text;
        try {
            text = secrets.getSecretValue(b -> b.secretId(name)).secretString();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SecretsManagerException e) {
            // e.g. scheduled for deletion, or no permission: the operator decides, nothing is overwritten.
            throw new IllegalStateException("cannot be read (" + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorCode()) + ")");
        }
        try {
            JsonNode node = text == null ? null : Json.mapper().readTree(text);
            if (node instanceof ObjectNode object) {
                return Optional.of(object);
            }
        } catch (IOException e) {
            // below
        }
        throw new IllegalStateException("exists but is not a JSON object; the functions cannot read it");
    }

    private static String keys(ObjectNode value) {
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String kept(ObjectNode value, List<String> added) {
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(n -> {
            if (!added.contains(n)) {
                names.add(n);
            }
        });
        return names.isEmpty() ? "nothing else" : String.join(", ", names);
    }
}
