package kz.clinicai.console.security;

import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.num;
import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.store.ConsoleTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link UserStore} in the console table: {@code pk = user#<email>, sk = profile}; the list of all users lives in one
 * partition {@code pk = users, sk = <email>} (a console has a handful of users). The first user is claimed by a
 * marker item {@code pk = meta, sk = first-user} written in the same transaction, so two simultaneous first
 * registrations cannot both become admin.
 */
public final class DynamoDbUserStore implements UserStore {

    private final ConsoleTable table;

    public DynamoDbUserStore(ConsoleTable table) {
        this.table = table;
    }

    @Override
    public Optional<ConsoleUser> find(String email) {
        return table.get("user#" + UserStore.normalise(email), "profile").map(DynamoDbUserStore::read);
    }

    @Override
    public List<ConsoleUser> all() {
        return table.query("users", null).stream()
                .map(i -> find(str(i, "sk")))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public boolean noUserYet() {
        return table.get("meta", "first-user").isEmpty();
    }

    @Override
    public Created create(String email, String passwordHash, Instant now) {
        String e = UserStore.normalise(email);
        if (find(e).isPresent()) {
            return Created.EMAIL_TAKEN;
        }
        boolean first = noUserYet();
        ConsoleUser user = new ConsoleUser(e, passwordHash, first ? ConsoleUser.Role.ADMIN : ConsoleUser.Role.EDITOR,
                first ? ConsoleUser.Status.ACTIVE : ConsoleUser.Status.PENDING, 1, now);
        ConsoleTable.Write profile = ConsoleTable.Write.putIfAbsent(item(user));
        ConsoleTable.Write index = ConsoleTable.Write.put(Map.of("pk", s("users"), "sk", s(e)));
        List<ConsoleTable.Write> puts = first
                ? List.of(profile, index, ConsoleTable.Write.putIfAbsent(Map.of("pk", s("meta"), "sk", s("first-user"),
                        "email", s(e))))
                : List.of(profile, index);
        if (!table.transact(puts)) {
            return find(e).isPresent() ? Created.EMAIL_TAKEN : Created.RACE;
        }
        return first ? Created.ADMIN : Created.PENDING;
    }

    @Override
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
