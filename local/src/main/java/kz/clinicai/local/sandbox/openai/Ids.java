package kz.clinicai.local.sandbox.openai;

import java.util.HashMap;
import java.util.Map;

/**
 * Object ids in OpenAI's prefixed style ("resp_", "file-"), numbered per prefix so that the same sequence of
 * requests after a reset yields the same ids (tests may rely on them being stable, never on their values).
 */
final class Ids {

    private final Map<String, Integer> counters = new HashMap<>();

    synchronized String next(String prefix) {
        int n = counters.merge(prefix, 1, Integer::sum);
        return prefix + String.format("sbx%06d", n);
    }

    synchronized void reset() {
        counters.clear();
    }
}
