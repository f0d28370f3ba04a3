package kz.clinicai.console.lifecycle;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/**
 * The check's metrics as one CloudWatch embedded-metric-format (EMF) line on stdout, which Lambda's log group turns
 * into metrics in {@code namespace} without dimensions (the alarms in template.yaml watch exactly these names).
 * Written directly rather than through Powertools metrics: its EMF library picks its sink by probing the
 * environment (Lambda variables, then EC2 metadata, then a CloudWatch agent on TCP 25888), which outside Lambda —
 * the local stack — loses the line; here the line is the same in both.
 */
final class EmbeddedMetrics implements ModelLifecycleCheck.LifecycleMetrics {

    static final String IN_USE = "ModelsInUse";
    static final String GONE = "ModelsInUseGone";
    static final String NEAREST = "ModelDaysToNearestShutdown";

    private final String namespace;
    private final PrintStream out;
    private final Clock clock;

    EmbeddedMetrics(String namespace, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.out = out;
        this.clock = clock;
    }

    /** The metric values of {@code findings}, as the EMF line carries them. */
    static Map<String, Number> values(Findings findings) {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put(IN_USE, findings.models().size());
        values.put(GONE, findings.goneCount());
        // Without any shutdown date in sight there is no value: the alarm treats missing data as fine.
        findings.nearestDays().ifPresent(d -> values.put(NEAREST, d));
        return values;
    }

    @Override
    public void record(Findings findings) {
        out.println(line(values(findings)));
        out.flush();
    }

    String line(Map<String, Number> values) {
        List<Map<String, String>> definitions = new ArrayList<>();
        values.keySet().forEach(name -> definitions.add(Map.of("Name", name, "Unit", "Count")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", namespace, "Dimensions", List.of(List.of()), "Metrics", definitions))));
        doc.putAll(values);
        return Json.write(doc);
    }
}
