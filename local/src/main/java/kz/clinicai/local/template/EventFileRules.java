package kz.clinicai.local.template;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kz.clinicai.local.template.TemplateContract.Trigger;

/**
 * Sample events: every events/*.json names a function of the template (events/<Function>.json or
 * events/<Function>-<case>.json) and deserialises, as the runtime would, into the event its function's triggers send,
 * with the fields without which it is not that event.
 */
final class EventFileRules {

    private final ContractRun run;
    private final SamTemplate template;
    private final Map<String, Trigger> triggers;

    EventFileRules(ContractRun run) {
        this.run = run;
        this.template = run.template;
        this.triggers = run.triggers;
    }

    private void fail(String resource, String message) {
        run.fail(resource, message);
    }

    void check() {
        Path dir = template.projectDir().resolve("events");
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            fail("events/", "cannot list " + dir + ": " + e.getMessage());
            return;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String label = "events/" + name;
            Optional<FunctionDef> owner = template.functions().stream()
                    .filter(f -> name.equals(f.logicalId() + ".json") || name.startsWith(f.logicalId() + "-"))
                    .max((a, b) -> Integer.compare(a.logicalId().length(), b.logicalId().length()));
            if (owner.isEmpty()) {
                fail(label, "names no function of the template (expected events/<FunctionLogicalId>.json or "
                        + "events/<FunctionLogicalId>-<case>.json)");
                continue;
            }
            String id = owner.get().logicalId();
            Trigger trigger = triggers.get(id);
            if (trigger == null) {
                try {
                    new ObjectMapper().readTree(file.toFile());
                } catch (IOException e) {
                    fail(id, label + " is not valid JSON: " + rootMessage(e));
                }
                continue;
            }
            Object event;
            try {
                event = EventLoader.loadEvent(file.toAbsolutePath().toString(), trigger.eventType);
            } catch (RuntimeException e) {
                fail(id, label + " does not deserialise into " + trigger.eventType.getSimpleName() + ": "
                        + rootMessage(e));
                continue;
            }
            List<String> missing = event == null ? List.of("the file holds no event") : missingFields(event);
            if (!missing.isEmpty()) {
                fail(id, label + " is not a " + trigger.label + " event (" + trigger.eventType.getSimpleName()
                        + "): " + String.join("; ", missing));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The loaders accept almost anything; these are the fields without which the event is not that event. */
    private static List<String> missingFields(Object event) {
        List<String> missing = new ArrayList<>();
        switch (event) {
            case APIGatewayV2HTTPEvent http -> {
                if (!"2.0".equals(http.getVersion())) {
                    missing.add("version must be \"2.0\" (payload format 2.0), is " + http.getVersion());
                }
                if (blank(http.getRouteKey())) {
                    missing.add("no routeKey");
                }
                if (blank(http.getRawPath())) {
                    missing.add("no rawPath");
                }
                if (http.getRequestContext() == null || http.getRequestContext().getHttp() == null
                        || blank(http.getRequestContext().getHttp().getMethod())) {
                    missing.add("no requestContext.http.method");
                }
            }
            case SQSEvent sqs -> {
                if (sqs.getRecords() == null || sqs.getRecords().isEmpty()) {
                    missing.add("no Records");
                } else {
                    for (int i = 0; i < sqs.getRecords().size(); i++) {
                        SQSEvent.SQSMessage message = sqs.getRecords().get(i);
                        if (message == null || blank(message.getMessageId())) {
                            missing.add("Records[" + i + "] has no messageId");
                        }
                        if (message == null || message.getBody() == null) {
                            missing.add("Records[" + i + "] has no body");
                        }
                    }
                }
            }
            case ScheduledEvent scheduled -> {
                if (!"Scheduled Event".equals(scheduled.getDetailType())) {
                    missing.add("detail-type must be \"Scheduled Event\", is " + scheduled.getDetailType());
                }
                if (!"aws.events".equals(scheduled.getSource())) {
                    missing.add("source must be \"aws.events\", is " + scheduled.getSource());
                }
            }
            case null, default -> {
            }
        }
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
