package kz.clinicai.local;

import java.nio.file.Path;
import java.util.Map;
import kz.clinicai.local.settings.SandboxCatalog;
import kz.clinicai.local.settings.StackSettings;

/**
 * How to boot the stack.
 *
 * @param apiPort 0 for any free port
 * @param dataDir {@code .local-data/}: stack.json, and with {@code persist} the DynamoDB and S3 data
 * @param serve false for a one-shot invoke: no API server, pollers or schedules
 * @param env the shell's variables (real-service credentials)
 */
public record StackConfig(Path template, int apiPort, boolean persist, Path dataDir, boolean serve,
                          SandboxCatalog catalog, StackSettings settings, Map<String, String> env) {

    public StackConfig withServe(boolean value) {
        return new StackConfig(template, apiPort, persist, dataDir, value, catalog, settings, env);
    }
}
