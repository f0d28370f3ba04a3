package kz.clinicai.local.sandbox.uis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of the simulated UIS account: {@code perDay} generated calls for every day (a pure function of the
 * date, so any window gives the same answer every time) that have finished by the sandbox clock, plus calls added
 * through the control endpoint. Times are local to the account's zone (Asia/Almaty).
 */
final class UisCalls {

    static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    static final String VIRTUAL_NUMBER = "77272001122";
    private static final long ADDED_ID_BASE = 900_000_000L;

    record Employee(long id, String fullName) {
    }

    static final List<Employee> EMPLOYEES = List.of(new Employee(5001, "Сапарова Динара Маратовна"),
            new Employee(5002, "Петров Игорь Алексеевич"), new Employee(5003, "Жумабекова Айгерим Куатовна"));

    private static final List<String> TOPICS = List.of(
            "Клиент: Здравствуйте, хочу записаться к терапевту на завтра.\n"
                    + "Менеджер: Есть свободное время в десять тридцать и в четырнадцать ноль-ноль.\n"
                    + "Клиент: Давайте в десять тридцать.\n"
                    + "Менеджер: Записала вас к Ивановой Анне Петровне на десять тридцать. Ждём вас.",
            "Клиент: Добрый день, сколько стоит приём кардиолога?\n"
                    + "Менеджер: Первичный приём кардиолога стоит двенадцать тысяч тенге.\n"
                    + "Клиент: Дорого, я подумаю.\n"
                    + "Менеджер: Хорошо, если решите, звоните, подберём удобное время.",
            "Клиент: Здравствуйте, мне нужно перенести запись на пятницу.\n"
                    + "Менеджер: Подскажите, пожалуйста, ваше имя и номер телефона.\n"
                    + "Клиент: Ахметова Сауле, номер тот же, с которого звоню.\n"
                    + "Менеджер: Перенесла вашу запись на пятницу на одиннадцать часов.",
            "Клиент: Алло, у вас есть педиатр в субботу?\n"
                    + "Менеджер: Да, Ким Елена Викторовна принимает в субботу с девяти до восемнадцати.\n"
                    + "Клиент: Отлично, запишите на двенадцать.\n"
                    + "Менеджер: Готово, суббота, двенадцать ноль-ноль, педиатр Ким.");

    private final Clock clock;
    private final int perDay;
    private final Map<Long, UisCall> added = new ConcurrentHashMap<>();
    private final AtomicLong nextAddedId = new AtomicLong(ADDED_ID_BASE);

    UisCalls(Clock clock, int perDay) {
        this.clock = clock;
        this.perDay = perDay;
    }

    LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZONE));
    }

    /** Calls that started within [from, till] and have finished by now, oldest first. */
    List<UisCall> between(LocalDateTime from, LocalDateTime till) {
        LocalDateTime now = now();
        List<UisCall> out = new ArrayList<>();
        for (LocalDate day = from.toLocalDate(); !day.isAfter(till.toLocalDate()); day = day.plusDays(1)) {
            for (int i = 0; i < perDay; i++) {
                out.add(generated(day, i));
            }
        }
        out.addAll(added.values());
        return out.stream()
                .filter(c -> !c.start().isBefore(from) && !c.start().isAfter(till))
                .filter(c -> c.id() >= ADDED_ID_BASE || !c.finish().isAfter(now))
                .sorted(Comparator.comparing(UisCall::start).thenComparing(UisCall::id))
                .toList();
    }

    Optional<UisCall> byId(long id) {
        if (id >= ADDED_ID_BASE) {
            return Optional.ofNullable(added.get(id));
        }
        long epochDay = id / 100 - 100_000;
        int index = (int) (id % 100);
        if (epochDay < 0 || index >= perDay) {
            return Optional.empty();
        }
        UisCall call = generated(LocalDate.ofEpochDay(epochDay), index);
        return call.finish().isAfter(now()) ? Optional.empty() : Optional.of(call);
    }

    /** Adds a call (control endpoint); its id is assigned here. Added calls are reported whatever their time. */
    UisCall add(LocalDateTime start, int talkSeconds, int totalSeconds, String direction, boolean lost,
            String contactPhone, Employee employee, String transcript) {
        long id = nextAddedId.getAndIncrement();
        UisCall call = new UisCall(id, start, lost ? 0 : talkSeconds, totalSeconds, direction, lost, contactPhone,
                VIRTUAL_NUMBER, id + 1_000_000_000L, lost ? null : hash(id), employee.id(), employee.fullName(),
                transcript);
        added.put(id, call);
        return call;
    }

    void reset() {
        added.clear();
        nextAddedId.set(ADDED_ID_BASE);
    }

    /** Call {@code index} of {@code day}: spread over 09:00–18:00, every fifth one lost, every third outgoing. */
    private UisCall generated(LocalDate day, int index) {
        long id = (day.toEpochDay() + 100_000) * 100 + index;
        LocalDateTime start = LocalDateTime.of(day, LocalTime.of(9, 0))
                .plusMinutes((long) index * (540 / Math.max(1, perDay)) + (day.getDayOfMonth() * 7L + index * 13L) % 20);
        boolean lost = index % 5 == 4;
        String direction = index % 3 == 2 ? "out" : "in";
        int talk = lost ? 0 : 45 + (int) ((id * 37) % 240);
        int total = talk + 5 + (int) (id % 20);
        Employee employee = EMPLOYEES.get((int) ((day.toEpochDay() + index) % EMPLOYEES.size()));
        String contact = "7701" + String.format("%07d", (id * 7919) % 10_000_000);
        String transcript = lost ? "" : dialogue(employee, TOPICS.get((int) ((day.toEpochDay() + index) % TOPICS.size())));
        return new UisCall(id, start, talk, total, direction, lost, contact, VIRTUAL_NUMBER, id + 1_000_000_000L,
                lost ? null : hash(id), employee.id(), employee.fullName(), transcript);
    }

    static String dialogue(Employee employee, String body) {
        return "Менеджер: Здравствуйте, клиника ClinicAI, меня зовут " + employee.fullName().split(" ")[1]
                + ". Чем могу помочь?\n" + body + "\nКлиент: Спасибо, до свидания.";
    }

    private static String hash(long id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("uis-record-" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
