package kz.clinicai.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.clinicai.local.template.TemplateContract.Violation;

/** Operations: every function logs into a group with a retention, every dead-letter queue is watched by an alarm. */
final class LogAndAlarmRules {

    private LogAndAlarmRules() {
    }

    /**
     * Every function logs into a log group of this template that has a retention: LoggingConfig.LogGroup (own or
     * from Globals) naming one, or one named {@code /aws/lambda/<function>}. Without it Lambda creates a group on
     * first use that keeps everything forever. Every declared log group has RetentionInDays.
     */
    static void checkLogRetention(SamTemplate template, List<Violation> out) {
        Map<String, SamTemplate.Resource> groups = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> {
            if (r.type().equals("AWS::Logs::LogGroup")) {
                groups.put(id, r);
                if (r.properties().get("RetentionInDays") == null) {
                    out.add(new Violation(id, "log group has no RetentionInDays (entries would be kept forever)"));
                }
            }
        });
        Map<String, Object> globals = Maps.map(Maps.map(template.raw().get("Globals")).get("Function"));
        for (FunctionDef f : template.functions()) {
            Map<String, Object> own = Maps.map(template.resources().get(f.logicalId()).properties().get("LoggingConfig"));
            Object logGroup = own.containsKey("LogGroup") ? own.get("LogGroup")
                    : Maps.map(globals.get("LoggingConfig")).get("LogGroup");
            boolean covered;
            if (logGroup != null) {
                List<String> refs = Intrinsics.references(logGroup);
                covered = refs.stream().anyMatch(groups::containsKey);
            } else {
                covered = groups.values().stream().anyMatch(g -> {
                    Object name = g.properties().get("LogGroupName");
                    return String.valueOf(name).contains("/aws/lambda/")
                            && Intrinsics.references(name).contains(f.logicalId());
                });
            }
            if (!covered) {
                out.add(new Violation(f.logicalId(), "has no log group with a retention in this template (set "
                        + "LoggingConfig.LogGroup to an AWS::Logs::LogGroup with RetentionInDays)"));
            }
        }
    }

    /** Every queue that is some queue's dead-letter target is watched by a CloudWatch alarm on that queue. */
    static void checkDeadLetterQueueAlarms(SamTemplate template, List<Violation> out) {
        Set<String> dlqs = new TreeSet<>();
        for (QueueDef q : template.queues()) {
            q.redrive().map(QueueDef.Redrive::deadLetterQueueId).filter(template.resources()::containsKey)
                    .ifPresent(dlqs::add);
        }
        List<SamTemplate.Resource> alarms = template.resources().values().stream()
                .filter(r -> r.type().equals("AWS::CloudWatch::Alarm"))
                .toList();
        for (String dlq : dlqs) {
            boolean watched = alarms.stream().anyMatch(a -> String.valueOf(a.properties()).contains("AWS/SQS")
                    && Intrinsics.references(a.properties().get("Dimensions") != null
                            ? a.properties().get("Dimensions") : a.properties().get("Metrics")).contains(dlq));
            if (!watched) {
                out.add(new Violation(dlq, "is a dead-letter queue without a CloudWatch alarm (AWS/SQS, dimension "
                        + "QueueName of this queue): a message there is work given up on, and nobody would know"));
            }
        }
    }
}
