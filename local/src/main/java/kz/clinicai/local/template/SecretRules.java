package kz.clinicai.local.template;

import java.util.List;
import kz.clinicai.local.template.TemplateContract.Violation;

/** Operations: secrets stay out of functions' configuration (their names go in; values are read at run time). */
final class SecretRules {

    private SecretRules() {
    }

    /**
     * A {@code {{resolve:secretsmanager}}} (or {@code ssm-secure}) reference in an Environment block puts the secret
     * in plain text into the function's configuration and every published version: functions get secret names.
     */
    static void checkNoSecretsInEnvironment(SamTemplate template, List<Violation> out) {
        Object globalEnv = Maps.map(Maps.map(Maps.map(template.raw().get("Globals")).get("Function"))
                .get("Environment")).get("Variables");
        Maps.map(globalEnv).forEach((name, value) -> {
            if (resolvesSecret(value)) {
                out.add(new Violation("Globals", "environment variable " + name + " resolves a secret into the "
                        + "configuration; pass the secret's name and read it at run time (SecretStore)"));
            }
        });
        template.resources().forEach((id, resource) -> {
            Object variables = resource.type().equals("AWS::Lambda::Function")
                    || resource.type().equals("AWS::Serverless::Function")
                    ? Maps.map(resource.properties().get("Environment")).get("Variables") : null;
            Maps.map(variables).forEach((name, value) -> {
                if (resolvesSecret(value)) {
                    out.add(new Violation(id, "environment variable " + name + " resolves a secret into the "
                            + "function's configuration; pass the secret's name and read it at run time (SecretStore)"));
                }
            });
        });
    }

    private static boolean resolvesSecret(Object value) {
        String text = String.valueOf(value);
        return text.contains("{{resolve:secretsmanager") || text.contains("{{resolve:ssm-secure");
    }
}
