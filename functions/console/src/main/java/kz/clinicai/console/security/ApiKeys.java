package kz.clinicai.console.security;

import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.store.ConsoleTable;

/**
 * Per-user API keys: {@code ck_} + 32 random bytes, shown once. Only the SHA-256 of a key is stored (a key has
 * 256 bits of entropy, so a fast hash is enough; a slow one would only cost every API call):
 * {@code pk = apikey#<sha256>, sk = key} to find the owner, {@code pk = user#<email>, sk = apikey#<id>} to list and
 * revoke.
 */
public final class ApiKeys {

    public static final String PREFIX = "ck_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleTable table;

    public ApiKeys(ConsoleTable table) {
        this.table = table;
    }

    public record ApiKey(String id, String label, String hint, Instant createdAt) {
    }

    /** Creates a key for {@code email}; the returned text is the only time anyone sees it. */
    public String create(String email, String label, Instant now) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash = sha256(key);
        String id = hash.substring(0, 12);
        String hint = key.substring(0, 7) + "…";
        boolean ok = table.transact(List.of(
                ConsoleTable.Write.putIfAbsent(Map.of("pk", s("apikey#" + hash), "sk", s("key"), "email", s(email),
                        "id", s(id))),
                ConsoleTable.Write.put(Map.of("pk", s("user#" + email), "sk", s("apikey#" + id), "hash", s(hash),
                        "label", s(label), "hint", s(hint), "createdAt", s(now.toString())))));
        if (!ok) {
            throw new IllegalStateException("API key collision");
        }
        return key;
    }

    public List<ApiKey> list(String email) {
        return table.query("user#" + email, "apikey#").stream()
                .map(i -> new ApiKey(str(i, "sk").substring("apikey#".length()), str(i, "label"), str(i, "hint"),
                        Instant.parse(str(i, "createdAt"))))
                .toList();
    }

    public boolean revoke(String email, String id) {
        Optional<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> item =
                table.get("user#" + email, "apikey#" + id);
        if (item.isEmpty()) {
            return false;
        }
        table.delete("apikey#" + str(item.get(), "hash"), "key");
        table.delete("user#" + email, "apikey#" + id);
        return true;
    }

    /** The owner's email for a presented key. */
    public Optional<String> owner(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        return table.get("apikey#" + sha256(presented), "key").map(i -> str(i, "email"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
