package kz.clinicai.console.security;

import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.num;
import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.store.ConsoleTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * Users in the console table: {@code pk = user#<email>, sk = profile}; the list of all users lives in one
 * partition {@code pk = users, sk = <email>} (a console has a handful of users). The first user is claimed by a
 * marker item {@code pk = meta, sk = first-user} written in the same transaction, so two simultaneous first
 * registrations cannot both become admin.
 */
public final class UserStore {

    private final ConsoleTable table;

    public UserStore(ConsoleTable table) {
        this.table = table;
    }

    public static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<ConsoleUser> find(String email) {
        return table.get("user#" + normalise(email), "profile").map(UserStore::read);
    }

    public List<ConsoleUser> all() {
        return table.query("users", null).stream()
                .map(i -> find(str(i, "sk")))
                .flatMap(Optional::stream)
                .toList();
    }

    /** True when no user ever registered (the next one becomes admin). */
    public boolean noUserYet() {
        return table.get("meta", "first-user").isEmpty();
    }

    public enum Created { ADMIN, PENDING, EMAIL_TAKEN, RACE }

    /**
     * Creates the user: the very first one as an active admin, later ones as pending editors (an admin approves).
     */
    public Created create(String email, String passwordHash, Instant now) {
        String e = normalise(email);
        if (find(e).isPresent()) {
            return Created.EMAIL_TAKEN;
        }
        boolean first = noUserYet();
        ConsoleUser user = new ConsoleUser(e, passwordHash, first ? ConsoleUser.Role.ADMIN : ConsoleUser.Role.EDITOR,
                first ? ConsoleUser.Status.ACTIVE : ConsoleUser.Status.PENDING, 1, now);
        Put profile = Put.builder().item(item(user)).conditionExpression("attribute_not_exists(pk)").build();
        Put index = Put.builder().item(Map.of("pk", s("users"), "sk", s(e))).build();
        List<Put> puts = first
                ? List.of(profile, index, Put.builder().item(Map.of("pk", s("meta"), "sk", s("first-user"),
                        "email", s(e))).conditionExpression("attribute_not_exists(pk)").build())
                : List.of(profile, index);
        if (!table.transact(puts)) {
            return find(e).isPresent() ? Created.EMAIL_TAKEN : Created.RACE;
        }
        return first ? Created.ADMIN : Created.PENDING;
    }

    public void save(ConsoleUser user) {
        table.put(item(user));
    }

    private static Map<String, AttributeValue> item(ConsoleUser u) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("user#" + u.email()));
        item.put("sk", s("profile"));
        item.put("email", s(u.email()));
        item.put("passwordHash", s(u.passwordHash()));
        item.put("role", s(u.role().name()));
        item.put("status", s(u.status().name()));
        item.put("sessionVersion", n(u.sessionVersion()));
        item.put("createdAt", s(u.createdAt().toString()));
        return item;
    }

    private static ConsoleUser read(Map<String, AttributeValue> i) {
        return new ConsoleUser(str(i, "email"), str(i, "passwordHash"), ConsoleUser.Role.valueOf(str(i, "role")),
                ConsoleUser.Status.valueOf(str(i, "status")), (int) num(i, "sessionVersion", 1),
                Instant.parse(str(i, "createdAt")));
    }
}
