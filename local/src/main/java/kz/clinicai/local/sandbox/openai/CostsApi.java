package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.clinicai.shared.json.Json;

/**
 * {@code GET /v1/organization/costs} (Admin API; the router lets only the admin key through): daily buckets of what
 * the {@link Ledger} recorded, {@code start_time} required (Unix seconds), {@code end_time}, {@code bucket_width=1d}
 * (the only width costs support), {@code group_by} ({@code project_id}, {@code line_item}), {@code project_ids},
 * {@code limit} (1–180, default 7) and the {@code page} cursor of {@code next_page}.
 */
final class CostsApi {

    private static final long DAY = 86_400;

    private final Ledger ledger;

    CostsApi(Ledger ledger) {
        this.ledger = ledger;
    }

    boolean handle(Call call) throws IOException {
        if (!call.is("GET", 2) || !call.segment(0).equals("organization") || !call.segment(1).equals("costs")) {
            return false;
        }
        Map<String, String> q = call.query();
        long start = longParam(q, "start_time", null);
        long end = longParam(q, "end_time", Long.MAX_VALUE);
        String width = q.getOrDefault("bucket_width", "1d");
        if (!width.equals("1d")) {
            throw OpenAiError.invalid("Invalid value for 'bucket_width': costs support only '1d'.", "bucket_width",
                    "invalid_value");
        }
        int limit = (int) longParam(q, "limit", 7L);
        if (limit < 1 || limit > 180) {
            throw OpenAiError.invalid("Invalid 'limit': expected a value between 1 and 180.", "limit", "invalid_value");
        }
        List<String> groupBy = repeated(call, "group_by");
        for (String g : groupBy) {
            if (!g.equals("project_id") && !g.equals("line_item")) {
                throw OpenAiError.invalid("Invalid value for 'group_by': '" + g + "'. Supported values are: "
                        + "'project_id', 'line_item'.", "group_by", "invalid_value");
            }
        }
        List<String> projects = repeated(call, "project_ids");
        long first = Math.floorDiv(start, DAY) * DAY;
        int page = q.containsKey("page") ? pageIndex(q.get("page")) : 0;
        long bucketStart = first + page * DAY;
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("object", "page");
        ArrayNode data = out.putArray("data");
        int n = 0;
        // Buckets go up to the day that holds "now": the API lists no future days.
        for (; n < limit && bucketStart < end && bucketStart <= ledger.now(); n++, bucketStart += DAY) {
            long bucketEnd = bucketStart + DAY;
            ObjectNode bucket = data.addObject();
            bucket.put("object", "bucket");
            bucket.put("start_time", bucketStart);
            bucket.put("end_time", bucketEnd);
            ArrayNode results = bucket.putArray("results");
            Map<List<String>, Double> sums = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
            for (Ledger.Entry e : ledger.between(Math.max(bucketStart, start), Math.min(bucketEnd, end))) {
                if (!projects.isEmpty() && !projects.contains(e.projectId())) {
                    continue;
                }
                List<String> key = Arrays.asList(groupBy.contains("project_id") ? e.projectId() : "",
                        groupBy.contains("line_item") ? e.lineItem() : "");
                sums.merge(key, e.amountUsd(), Double::sum);
            }
            sums.forEach((key, amount) -> {
                ObjectNode r = results.addObject();
                r.put("object", "organization.costs.result");
                r.putObject("amount").put("value", amount).put("currency", "usd");
                r.put("line_item", groupBy.contains("line_item") ? key.get(1) : null);
                r.put("project_id", groupBy.contains("project_id") ? key.get(0) : null);
            });
        }
        boolean more = bucketStart < end && bucketStart <= ledger.now();
        out.put("has_more", more);
        out.put("next_page", more ? "page_" + (page + n) : null);
        call.ok(out);
        return true;
    }

    private static long longParam(Map<String, String> q, String name, Long fallback) {
        String v = q.get(name);
        if (v == null) {
            if (fallback == null) {
                throw OpenAiError.missing(name);
            }
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw OpenAiError.invalid("Invalid value for '" + name + "': expected an integer.", name, "invalid_type");
        }
    }

    private static int pageIndex(String cursor) {
        try {
            return Integer.parseInt(cursor.substring("page_".length()));
        } catch (RuntimeException e) {
            throw OpenAiError.invalid("Invalid value for 'page': unknown cursor.", "page", "invalid_value");
        }
    }

    /** Every value of a list parameter, sent repeated ({@code group_by=a&group_by=b}), with brackets or commas. */
    private static List<String> repeated(Call call, String name) {
        String raw = call.exchange().raw().getRequestURI().getRawQuery();
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name) || key.equals(name + "[]")) {
                String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
            }
        }
        return out;
    }
}
