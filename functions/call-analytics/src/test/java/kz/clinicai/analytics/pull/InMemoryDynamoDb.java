package kz.clinicai.analytics.pull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB table in memory for the pull's unit tests: one table with keys {@code pk}/{@code sk}, and only the
 * expressions {@code CallStore} and {@code PullState} write on the pull's path — {@code attribute_exists},
 * {@code attribute_not_exists}, {@code =} and {@code <} joined by AND or OR, {@code SET a = :v, …} and
 * {@code REMOVE a, …}, queries by {@code pk = :p AND begins_with(sk, :s)}. Anything else fails loudly, so a change
 * of those classes shows up here instead of passing against semantics this fake does not have. DynamoDB Local
 * would be exact, but a hundred thousand conditional writes through it take minutes.
 */
final class InMemoryDynamoDb implements DynamoDbClient {

    private static final Pattern KEY_CONDITION = Pattern.compile("pk = (:\\w+) AND begins_with\\(sk, (:\\w+)\\)");
    private static final Pattern FUNCTION = Pattern.compile("(attribute_exists|attribute_not_exists)\\(([#\\w]+)\\)");
    private static final Pattern COMPARISON = Pattern.compile("([#\\w]+) (=|<) (:\\w+)");
    private static final Pattern CLAUSES = Pattern.compile("(?=\\bREMOVE\\b)|(?=\\bSET\\b)");

    private final Map<String, Map<String, Map<String, AttributeValue>>> tables = new ConcurrentHashMap<>();

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }

    private Map<String, Map<String, AttributeValue>> table(String name) {
        return tables.computeIfAbsent(name, n -> new TreeMap<>());
    }

    private static String key(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get("pk");
        AttributeValue sk = item.get("sk");
        if (pk == null || sk == null) {
            throw new IllegalArgumentException("an item needs pk and sk: " + item.keySet());
        }
        return pk.s() + "\u0000" + sk.s();
    }

    @Override
    public synchronized GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = table(request.tableName()).get(key(request.key()));
        return GetItemResponse.builder().item(item == null ? null : new HashMap<>(item)).build();
    }

    @Override
    public synchronized PutItemResponse putItem(PutItemRequest request) {
        Map<String, Map<String, AttributeValue>> table = table(request.tableName());
        String key = key(request.item());
        check(request.conditionExpression(), table.get(key), request.expressionAttributeNames(),
                request.expressionAttributeValues());
        table.put(key, new HashMap<>(request.item()));
        return PutItemResponse.builder().build();
    }

    @Override
    public synchronized UpdateItemResponse updateItem(UpdateItemRequest request) {
        Map<String, Map<String, AttributeValue>> table = table(request.tableName());
        String key = key(request.key());
        Map<String, AttributeValue> current = table.get(key);
        Map<String, String> names = request.expressionAttributeNames();
        Map<String, AttributeValue> values = request.expressionAttributeValues();
        check(request.conditionExpression(), current, names, values);
        Map<String, AttributeValue> item = current == null ? new HashMap<>(request.key()) : new HashMap<>(current);
        String expression = request.updateExpression().strip();
        for (String clause : CLAUSES.split(expression)) {
            clause = clause.strip();
            if (clause.isEmpty()) {
                continue;
            }
            if (clause.startsWith("SET ")) {
                for (String assignment : clause.substring(4).split(",")) {
                    String[] sides = assignment.split("=");
                    if (sides.length != 2 || !sides[1].strip().startsWith(":")) {
                        throw unsupported("update " + expression);
                    }
                    item.put(name(sides[0], names), value(sides[1], values));
                }
            } else if (clause.startsWith("REMOVE ")) {
                for (String attribute : clause.substring(7).split(",")) {
                    item.remove(name(attribute, names));
                }
            } else {
                throw unsupported("update " + expression);
            }
        }
        table.put(key, item);
        return UpdateItemResponse.builder().build();
    }

    @Override
    public synchronized QueryResponse query(QueryRequest request) {
        if (request.indexName() != null || request.filterExpression() != null || request.exclusiveStartKey() != null
                && !request.exclusiveStartKey().isEmpty()) {
            throw unsupported("query " + request);
        }
        String condition = request.keyConditionExpression().strip();
        var m = KEY_CONDITION.matcher(condition);
        if (!m.matches()) {
            throw unsupported("key condition " + condition);
        }
        String pk = request.expressionAttributeValues().get(m.group(1)).s();
        String prefix = request.expressionAttributeValues().get(m.group(2)).s();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table(request.tableName()).values().stream()
                .filter(i -> i.get("pk").s().equals(pk) && i.get("sk").s().startsWith(prefix))
                .forEach(i -> items.add(new HashMap<>(i)));
        if (Boolean.FALSE.equals(request.scanIndexForward())) {
            java.util.Collections.reverse(items);
        }
        return QueryResponse.builder().items(items).count(items.size()).build();
    }

    // ------------------------------------------------------------------ expressions

    private static void check(String condition, Map<String, AttributeValue> item, Map<String, String> names,
                              Map<String, AttributeValue> values) {
        if (condition == null || condition.isBlank()) {
            return;
        }
        if (condition.contains(" AND ") && condition.contains(" OR ")) {
            throw unsupported("condition mixing AND and OR: " + condition);
        }
        boolean or = condition.contains(" OR ");
        boolean result = !or;
        for (String term : condition.split(or ? " OR " : " AND ")) {
            boolean holds = term(term.strip(), item, names, values);
            result = or ? result || holds : result && holds;
        }
        if (!result) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
    }

    private static boolean term(String term, Map<String, AttributeValue> item, Map<String, String> names,
                                Map<String, AttributeValue> values) {
        var function = FUNCTION.matcher(term);
        if (function.matches()) {
            boolean exists = item != null && item.containsKey(name(function.group(2), names));
            return function.group(1).equals("attribute_exists") == exists;
        }
        var comparison = COMPARISON.matcher(term);
        if (!comparison.matches()) {
            throw unsupported("condition term " + term);
        }
        AttributeValue left = item == null ? null : item.get(name(comparison.group(1), names));
        AttributeValue right = value(comparison.group(3), values);
        if (left == null) {
            return false;
        }
        int order = compare(left, right);
        return comparison.group(2).equals("=") ? order == 0 : order < 0;
    }

    private static int compare(AttributeValue a, AttributeValue b) {
        if (a.s() != null && b.s() != null) {
            return a.s().compareTo(b.s());
        }
        if (a.n() != null && b.n() != null) {
            return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
        }
        if (a.bool() != null && b.bool() != null) {
            return a.bool().equals(b.bool()) ? 0 : 1;
        }
        throw unsupported("comparison of " + a + " with " + b);
    }

    private static String name(String token, Map<String, String> names) {
        String t = token.strip();
        if (t.startsWith("#")) {
            String resolved = names == null ? null : names.get(t);
            if (resolved == null) {
                throw new IllegalArgumentException("undefined attribute name " + t);
            }
            return resolved;
        }
        return t;
    }

    private static AttributeValue value(String token, Map<String, AttributeValue> values) {
        AttributeValue v = values == null ? null : values.get(token.strip());
        if (v == null) {
            throw new IllegalArgumentException("undefined attribute value " + token.strip());
        }
        return v;
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("InMemoryDynamoDb does not model " + what);
    }
}
