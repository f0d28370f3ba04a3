package kz.clinicai.console.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The console's own table (partition key {@code pk}, sort key {@code sk}, TTL attribute {@code expiresAt}):
 * users, site settings, login throttling windows, API keys, threads and runs, assistant attachments, balance
 * and budget, the model lifecycle check ({@code pk = models}) and the model replacement audit
 * ({@code pk = audit#models}). Each feature owns its key prefix; this interface holds only the few operations they
 * share, each with the semantics a feature relies on (conditional writes, all-or-nothing transactions, fixed
 * windows, claims), so the in-memory twin can be held to them by a contract ({@code ConsoleTableContract}).
 * {@link DynamoDbConsoleTable} is the table itself.
 */
public interface ConsoleTable {

    /** A put inside {@link #transact}: {@code onlyIfAbsent} fails the whole transaction when the key exists. */
    record Write(Map<String, AttributeValue> item, boolean onlyIfAbsent) {

        public static Write put(Map<String, AttributeValue> item) {
            return new Write(item, false);
        }

        public static Write putIfAbsent(Map<String, AttributeValue> item) {
            return new Write(item, true);
        }
    }

    /** The item of this key (read-your-writes); an item past its {@code expiresAt} may still be there. */
    Optional<Map<String, AttributeValue>> get(String pk, String sk);

    /** Replaces the whole item of its key. */
    void put(Map<String, AttributeValue> item);

    /** Puts only when no item has this key; false when one exists. */
    boolean putIfAbsent(Map<String, AttributeValue> item);

    void delete(String pk, String sk);

    /** All items of one partition in sort-key order, optionally only sort keys starting with {@code skPrefix}. */
    List<Map<String, AttributeValue>> query(String pk, String skPrefix);

    /**
     * Adds one to a counter in a fixed window: a new window (count 1) starts when none exists or the stored one
     * began before {@code windowStartEpochSecond}. Returns the count after the update.
     */
    long countInWindow(String pk, String sk, long windowStartEpochSecond, long expiresAtEpochSecond);

    /**
     * Sets {@code attribute} of an existing item to {@code value} unless it holds that value already: true for
     * the one caller that changed it (a run's usage recorded once, a budget alert sent once per month), false when
     * it held the value or the item does not exist (nothing is created).
     */
    boolean claim(String pk, String sk, String attribute, AttributeValue value);

    /** Writes all puts or none; false when a condition failed (or a concurrent transaction got in the way). */
    boolean transact(List<Write> writes);

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    static String str(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null ? null : v.s();
    }

    static long num(Map<String, AttributeValue> item, String attr, long fallback) {
        AttributeValue v = item.get(attr);
        return v == null || v.n() == null ? fallback : (long) Double.parseDouble(v.n());
    }

    static Double dbl(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null || v.n() == null ? null : Double.parseDouble(v.n());
    }

    static List<String> list(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }
}
