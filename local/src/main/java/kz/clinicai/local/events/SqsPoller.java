package kz.clinicai.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import kz.clinicai.local.aws.LocalWorld;
import kz.clinicai.local.invoke.EventCodec;
import kz.clinicai.local.invoke.HandlerRuntime;
import kz.clinicai.local.invoke.Invocation;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.QueueDef;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping: a few pollers long-poll the queue, gather up to BatchSize messages within
 * MaximumBatchingWindowInSeconds, invoke the function and delete what succeeded. With ReportBatchItemFailures
 * only the reported ids stay; a thrown error or a timeout keeps the whole batch. Kept messages are left to
 * their visibility timeout (as Lambda does), so the queue's RedrivePolicy moves them to the DLQ after
 * maxReceiveCount receives. FIFO: SQS hands out no message of a group while an earlier one is in flight, and
 * each group of a received batch is invoked separately and concurrently, in order; after a failure in a group
 * its later messages are kept too, so order survives retries. The pollers do not wait for those invocations
 * (Lambda scales a FIFO mapping up to the number of active message groups): one slow chat never holds up the
 * others, up to {@link #MAX_CONCURRENT_GROUPS} groups at once. {@code ScalingConfig.MaximumConcurrency} caps the
 * batches of the mapping that run at once, as Lambda's event-source maximum concurrency does: a standard queue's
 * pollers take a slot before they receive (so nothing is held invisible while waiting for one); a FIFO poller
 * receives once a slot is free, and each group of its batch takes one before its invocation. Locally a standard
 * queue never runs more than its {@value #POLLERS} pollers at once, whatever the cap; Lambda would scale further.
 */
public final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    /** Lambda starts with five pollers per queue; two or three keep a laptop quiet. */
    private static final int POLLERS = 3;
    private static final int WAIT_SECONDS = 1;
    /** Concurrent FIFO group invocations per mapping; beyond it the pollers wait (like a concurrency limit). */
    static final int MAX_CONCURRENT_GROUPS = 32;

    private final String function;
    private final EventSource.SqsSource source;
    private final QueueDef queue;
    private final String queueUrl;
    private final String queueArn;
    private final SqsClient sqs;
    private final HandlerRuntime runtime;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final OptionalInt maximumConcurrency;
    /** Batches that may run at once: one per poller (standard) or per message group (FIFO), within the cap. */
    private final Semaphore slots;
    private volatile boolean running = true;

    /** @param maximumConcurrency the mapping's {@code ScalingConfig.MaximumConcurrency}, resolved; empty if none */
    public SqsPoller(String function, EventSource.SqsSource source, OptionalInt maximumConcurrency, LocalWorld world,
                     SqsClient sqs, HandlerRuntime runtime) {
        this.function = function;
        this.source = source;
        this.queue = world.queue(source.queueId());
        this.queueUrl = world.queueUrl(queue);
        this.queueArn = world.queueArn(queue);
        this.sqs = sqs;
        this.runtime = runtime;
        this.maximumConcurrency = maximumConcurrency;
        int uncapped = queue.fifo() ? MAX_CONCURRENT_GROUPS : POLLERS;
        // Fair: a group waiting for a slot is served before a poller that just gave one back takes it again.
        this.slots = new Semaphore(Math.min(uncapped, maximumConcurrency.orElse(uncapped)), true);
    }

    public void start() {
        for (int i = 0; i < POLLERS; i++) {
            threads.submit(this::loop);
        }
    }

    /**
     * How long a receive may wait on the server. A stopped poller's long poll can still be pending in the queue
     * server that long (its client gone) and take a message sent meanwhile.
     */
    public static java.time.Duration longPoll() {
        return java.time.Duration.ofSeconds(WAIT_SECONDS);
    }

    /** The function this poller invokes. */
    public String function() {
        return function;
    }

    public String describe() {
        return queueUrl + " -> " + function + " (BatchSize " + source.batchSize()
                + (source.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "")
                + (queue.fifo() ? ", FIFO" : "")
                + (maximumConcurrency.isPresent() ? ", MaximumConcurrency " + maximumConcurrency.getAsInt() : "") + ")";
    }

    private void loop() {
        Thread.currentThread().setName("sqs-" + function);
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (queue.fifo()) {
                    pollFifoWithinCap();
                } else {
                    pollWithinCap();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("poller of {} on {}: {}", function, queueUrl, e.toString());
                    pause();
                }
            }
        }
    }

    /** A standard queue's turn: a slot first, then receive, invoke and settle, then the slot back. */
    private void pollWithinCap() throws InterruptedException {
        slots.acquire();
        try {
            List<Message> batch = receiveBatch();
            if (!batch.isEmpty() && !running) {
                release(batch); // received as the poller stopped: back to the queue at once, not hidden for hours
            } else if (!batch.isEmpty()) {
                settle(batch, invoke(batch), false);
            }
        } finally {
            slots.release();
        }
    }

    /**
     * A FIFO queue's turn: receive only once a slot is free, so received groups seldom wait for one (their
     * visibility timeout runs meanwhile). The slot is not held through the long poll: an idle poller holding it
     * would starve the groups of another poller's batch.
     */
    private void pollFifoWithinCap() throws InterruptedException {
        slots.acquire();
        slots.release();
        List<Message> batch = receiveBatch();
        if (!batch.isEmpty() && !running) {
            release(batch);
        } else if (!batch.isEmpty()) {
            process(batch);
        }
    }

    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        long windowEnd = System.nanoTime() + source.maximumBatchingWindowSeconds() * 1_000_000_000L;
        do {
            int want = Math.min(10, source.batchSize() - batch.size());
            batch.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(batch.isEmpty() ? WAIT_SECONDS : 0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages());
        } while (running && batch.size() < source.batchSize() && !batch.isEmpty() && System.nanoTime() < windowEnd);
        return batch;
    }

    /** A FIFO batch: each message group invoked on its own, when a slot is free. */
    private void process(List<Message> batch) {
        Map<String, List<Message>> groups = new LinkedHashMap<>();
        batch.forEach(m -> groups.computeIfAbsent(
                m.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, ""), g -> new ArrayList<>()).add(m));
        for (List<Message> group : groups.values()) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the unprocessed messages reappear after their visibility timeout
            }
            threads.submit(() -> {
                try {
                    settle(group, invoke(group), true);
                } catch (RuntimeException e) {
                    LOG.warn("FIFO group of {} failed to settle", function, e);
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** The ids of the batch that failed; all of them when the invocation failed as a whole. */
    private Set<String> invoke(List<Message> batch) {
        byte[] event = EventCodec.write(SqsEvents.of(batch, queueArn), getClass().getClassLoader());
        Invocation result = runtime.invoke(function, event);
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        if (!(result instanceof Invocation.Success success)) {
            return all;
        }
        if (!source.reportBatchItemFailures()) {
            return Set.of();
        }
        try {
            JsonNode response = Json.mapper().readTree(success.response());
            Set<String> failed = new HashSet<>();
            if (response != null) {
                for (JsonNode f : response.path("batchItemFailures")) {
                    String id = f.path("itemIdentifier").asText("");
                    if (!all.contains(id)) {
                        // Lambda treats an unknown or empty identifier as a failure of the whole batch
                        return all;
                    }
                    failed.add(id);
                }
            }
            return failed;
        } catch (java.io.IOException e) {
            return all;
        }
    }

    private void settle(List<Message> batch, Set<String> failed, boolean keepOrder) {
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        boolean failedBefore = false;
        for (Message m : batch) {
            failedBefore |= failed.contains(m.messageId());
            if (!failed.contains(m.messageId()) && !(keepOrder && failedBefore)) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + 10));
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
        }
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(List<Message> batch) {
        for (Message m : batch) {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
    }

    /** Stops polling; returns once no receive is in flight (a long poll ends within {@link #WAIT_SECONDS}), or soon after. */
    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            threads.awaitTermination(WAIT_SECONDS + 2L, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
