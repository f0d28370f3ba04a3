package kz.clinicai.console.store;

import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.num;
import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ConsoleTable} in memory, held to ConsoleTableContract (local module) like {@link DynamoDbConsoleTable}.
 * One lock for the whole table: every operation, a transaction included, is atomic as DynamoDB's are. Sort keys
 * are ordered by their UTF-8 bytes, as DynamoDB orders string keys; nothing expires by itself (DynamoDB's TTL
 * deletes late, so readers check {@code expiresAt} themselves).
 */
public final class InMemoryConsoleTable implements ConsoleTable {

    /** DynamoDB compares string sort keys as unsigned UTF-8 bytes (not as Java's UTF-16 code units). */
    private static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Map<String, TreeMap<String, Map<String, AttributeValue>>> partitions = new HashMap<>();

    @Override
    public synchronized Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        TreeMap<String, Map<String, AttributeValue>> partition = partitions.get(pk);
        return Optional.ofNullable(partition == null ? null : partition.get(sk));
    }

    @Override
    public synchronized void put(Map<String, AttributeValue> item) {
        String pk = required(item, "pk");
        String sk = required(item, "sk");
        partitions.computeIfAbsent(pk, p -> new TreeMap<>(UTF8)).put(sk, Map.copyOf(item));
    }

    @Override
    public synchronized boolean putIfAbsent(Map<String, AttributeValue> item) {
        if (get(required(item, "pk"), required(item, "sk")).isPresent()) {
            return false;
        }
        put(item);
        return true;
    }

    @Override
    public synchronized void delete(String pk, String sk) {
        TreeMap<String, Map<String, AttributeValue>> partition = partitions.get(pk);
        if (partition != null) {
            partition.remove(sk);
        }
    }

    @Override
    public synchronized List<Map<String, AttributeValue>> query(String pk, String skPrefix) {
        TreeMap<String, Map<String, AttributeValue>> partition = partitions.get(pk);
        if (partition == null) {
            return List.of();
        }
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        partition.forEach((sk, item) -> {
            if (skPrefix == null || skPrefix.isEmpty() || sk.startsWith(skPrefix)) {
                out.add(item);
            }
        });
        return out;
    }

    @Override
    public synchronized long countInWindow(String pk, String sk, long windowStartEpochSecond,
                                           long expiresAtEpochSecond) {
        Optional<Map<String, AttributeValue>> stored = get(pk, sk);
        if (stored.isPresent() && stored.get().containsKey("windowStart")
                && num(stored.get(), "windowStart", 0) < windowStartEpochSecond) {
            stored = Optional.empty(); // the stored window is older: a new one replaces the item
        }
        Map<String, AttributeValue> item = new HashMap<>(stored.orElse(Map.of("pk", s(pk), "sk", s(sk))));
        long count = num(item, "count", 0) + 1;
        item.put("count", n(count));
        item.put("expiresAt", n(expiresAtEpochSecond));
        item.putIfAbsent("windowStart", n(windowStartEpochSecond));
        put(item);
        return count;
    }

    @Override
    public synchronized boolean claim(String pk, String sk, String attribute, AttributeValue value) {
        Optional<Map<String, AttributeValue>> stored = get(pk, sk);
        if (stored.isEmpty() || value.equals(stored.get().get(attribute))) {
            return false;
        }
        Map<String, AttributeValue> item = new HashMap<>(stored.get());
        item.put(attribute, value);
        put(item);
        return true;
    }

    @Override
    public synchronized boolean transact(List<Write> writes) {
        if (writes.stream().map(w -> str(w.item(), "pk") + "\n" + str(w.item(), "sk")).distinct().count()
                < writes.size()) {
            // DynamoDB refuses a transaction that touches one item twice (ValidationException), writing nothing.
            throw new IllegalArgumentException("a transaction writes one item twice");
        }
        for (Write w : writes) {
            if (w.onlyIfAbsent() && get(required(w.item(), "pk"), required(w.item(), "sk")).isPresent()) {
                return false;
            }
        }
        writes.forEach(w -> put(w.item()));
        return true;
    }

    private static String required(Map<String, AttributeValue> item, String key) {
        String value = str(item, key);
        if (value == null || value.isEmpty()) {
            // DynamoDB refuses an item without its string key (ValidationException); so does the twin.
            throw new IllegalArgumentException("item without a string " + key + ": " + item);
        }
        return value;
    }
}
