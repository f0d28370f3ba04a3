package kz.clinicai.local.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kz.clinicai.local.aws.LocalWorld;
import kz.clinicai.local.invoke.EventCodec;
import kz.clinicai.local.invoke.HandlerRuntime;
import kz.clinicai.local.invoke.Invocation;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.FunctionDef;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge rules of Schedule events: each enabled one fires on time with a ScheduledEvent (or the rule's
 * Input), and any one can be fired now.
 */
public final class ScheduleTrigger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTrigger.class);

    private record Rule(String function, EventSource.ScheduleSource source, ScheduleExpression expression) {
        String arn() {
            return "arn:aws:events:" + LocalWorld.REGION + ":" + LocalWorld.ACCOUNT + ":rule/" + LocalWorld.STACK_NAME
                    + "-" + function + "-" + source.name();
        }
    }

    private final HandlerRuntime runtime;
    private final List<Rule> rules = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });

    /** Parses every schedule up front, so a bad expression stops the start with its message. */
    public ScheduleTrigger(HandlerRuntime runtime) {
        this.runtime = runtime;
        for (FunctionDef f : runtime.template().functions()) {
            for (EventSource.ScheduleSource s : f.events(EventSource.ScheduleSource.class)) {
                try {
                    rules.add(new Rule(f.logicalId(), s, ScheduleExpression.parse(s.expression())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(f.logicalId() + " event " + s.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    public void start() {
        rules.stream().filter(r -> r.source().enabled()).forEach(this::scheduleNext);
    }

    public List<String> describe() {
        return rules.stream().map(r -> r.function() + "/" + r.source().name() + " " + r.source().expression()
                + (r.source().enabled() ? "" : " (disabled)")).toList();
    }

    private void scheduleNext(Rule rule) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime next = rule.expression().next(now);
        long delay = java.time.Duration.between(now, next).toMillis();
        timer.schedule(() -> {
            // each firing on its own thread, so a slow handler does not delay other rules
            Thread.ofVirtual().start(() -> fire(rule));
            scheduleNext(rule);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Fires the named rule now; empty when there is no such schedule. */
    public Optional<Invocation> fireNow(String function, String eventName) {
        return rules.stream().filter(r -> r.function().equals(function) && r.source().name().equals(eventName))
                .findFirst().map(this::fire);
    }

    private Invocation fire(Rule rule) {
        byte[] event = rule.source().input() != null ? rule.source().input().getBytes(StandardCharsets.UTF_8)
                : EventCodec.write(scheduledEvent(rule), getClass().getClassLoader());
        Invocation result = runtime.invoke(rule.function(), event);
        if (!(result instanceof Invocation.Success)) {
            LOG.warn("schedule {}/{} invocation did not succeed: {}", rule.function(), rule.source().name(), result);
        }
        return result;
    }

    private static ScheduledEvent scheduledEvent(Rule rule) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(LocalWorld.ACCOUNT);
        event.setTime(new DateTime(DateTimeZone.UTC).withMillisOfSecond(0));
        event.setRegion(LocalWorld.REGION);
        event.setResources(List.of(rule.arn()));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
