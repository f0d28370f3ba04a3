package kz.clinicai.local.sandbox.uis;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the simulated UIS account: its settings (time zone), the calls ({@code perDay} seeded calls for
 * every day that have started by the clock, plus calls added through the control API), tags and their placement
 * on calls, comments, recordings released early, and the access faults the control API injects.
 */
final class UisAccount {

    static final long APP_ID = 170_512;
    static final String NAME = "ClinicAI (sandbox)";
    static final long ADDED_ID_BASE = 900_000_000L;

    record Tag(long id, String name, boolean system) {
    }

    record TagMark(long tagId, Instant at) {
    }

    record Comment(String text, Instant at) {
    }

    private final Clock clock;
    private final int defaultPerDay;
    private int perDay;
    private ZoneId timezone = UisSeed.CLINIC_ZONE;
    private final Map<Long, UisCall> added = new ConcurrentHashMap<>();
    private long nextAddedId = ADDED_ID_BASE;
    private final Map<Long, Tag> tags = new LinkedHashMap<>();
    private long nextTagId;
    private final Map<Long, List<TagMark>> marks = new LinkedHashMap<>();
    private final Map<Long, List<Comment>> comments = new LinkedHashMap<>();
    private final Set<Long> released = ConcurrentHashMap.newKeySet();
    private final Set<Long> withheldTracks = ConcurrentHashMap.newKeySet();
    private final Deque<String> faults = new ArrayDeque<>();
    private boolean whitelisted = true;
    private String tokenState = "valid";

    UisAccount(Clock clock, int perDay) {
        this.clock = clock;
        this.defaultPerDay = perDay;
        reset();
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    /** How many seeded calls each day has (0 turns the seeded days off, e.g. for a test that counts calls). */
    synchronized void callsPerDay(int n) {
        if (n < 0 || n > 99) {
            throw new IllegalArgumentException("calls_per_day must be 0..99");
        }
        perDay = n;
    }

    synchronized int callsPerDay() {
        return perDay;
    }

    synchronized ZoneId timezone() {
        return timezone;
    }

    synchronized void timezone(ZoneId zone) {
        this.timezone = zone;
    }

    /** Calls that started within [from, till] (instants), oldest first; unfinished ones only when asked. */
    List<UisCall> calls(Instant from, Instant till, boolean ongoing) {
        Instant now = now();
        List<UisCall> out = new ArrayList<>();
        // Seeded days are clinic days; a window in another zone may touch one more day on either side.
        LocalDate first = from.atZone(UisSeed.CLINIC_ZONE).toLocalDate().minusDays(1);
        LocalDate last = till.atZone(UisSeed.CLINIC_ZONE).toLocalDate().plusDays(1);
        int seeded = callsPerDay();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (int i = 0; i < seeded; i++) {
                out.add(UisSeed.call(day, i));
            }
        }
        out.addAll(added.values());
        return out.stream()
                .filter(c -> !c.start().isBefore(from) && !c.start().isAfter(till))
                .filter(c -> !c.start().isAfter(now))
                .filter(c -> ongoing || !c.end().isAfter(now))
                .sorted(Comparator.comparing(UisCall::start).thenComparing(UisCall::id))
                .toList();
    }

    /** A call that has started by now, seeded or added. */
    Optional<UisCall> call(long id) {
        UisCall call = id >= ADDED_ID_BASE ? added.get(id) : seeded(id);
        return Optional.ofNullable(call).filter(c -> !c.start().isAfter(now()));
    }

    private UisCall seeded(long id) {
        int index = UisSeed.indexOf(id);
        // Seeded ids start at 1970-01-01 (10 000 000); anything smaller names no call.
        if (id < UisSeed.id(LocalDate.EPOCH, 0) || index >= callsPerDay()) {
            return null;
        }
        return UisSeed.call(UisSeed.dayOf(id), index);
    }

    synchronized long nextCallId() {
        return nextAddedId++;
    }

    void add(UisCall call) {
        added.put(call.id(), call);
    }

    boolean recordsAvailable(UisCall call) {
        return released.contains(call.id()) || !now().isBefore(call.recordsAvailableAt());
    }

    void release(long callId) {
        released.add(callId);
    }

    /** The call's WAV tracks answer 404 (not published) while its mp3s are downloadable. */
    void withholdTracks(long callId) {
        withheldTracks.add(callId);
    }

    boolean tracksWithheld(long callId) {
        return withheldTracks.contains(callId);
    }

    synchronized List<Tag> tags() {
        return List.copyOf(tags.values());
    }

    synchronized Optional<Tag> tag(long id) {
        return Optional.ofNullable(tags.get(id));
    }

    /** A new tag, or empty when one with that name exists (names are unique, case-insensitively). */
    synchronized Optional<Tag> createTag(String name) {
        if (tags.values().stream().anyMatch(t -> t.name().equalsIgnoreCase(name))) {
            return Optional.empty();
        }
        Tag tag = new Tag(nextTagId++, name, false);
        tags.put(tag.id(), tag);
        return Optional.of(tag);
    }

    /** False when the tag already sits on the call. */
    synchronized boolean mark(long callId, long tagId) {
        List<TagMark> list = marks.computeIfAbsent(callId, k -> new ArrayList<>());
        if (list.stream().anyMatch(m -> m.tagId() == tagId)) {
            return false;
        }
        list.add(new TagMark(tagId, now()));
        return true;
    }

    synchronized List<TagMark> marks(long callId) {
        return List.copyOf(marks.getOrDefault(callId, List.of()));
    }

    synchronized void comment(long callId, String text) {
        comments.computeIfAbsent(callId, k -> new ArrayList<>()).add(new Comment(text, now()));
    }

    synchronized List<Comment> comments(long callId) {
        return List.copyOf(comments.getOrDefault(callId, List.of()));
    }

    synchronized Map<Long, List<TagMark>> allMarks() {
        return Map.copyOf(marks);
    }

    synchronized Map<Long, List<Comment>> allComments() {
        return Map.copyOf(comments);
    }

    synchronized void enqueueFaults(List<String> mnemonics) {
        faults.addAll(mnemonics);
    }

    synchronized Optional<String> nextFault() {
        return Optional.ofNullable(faults.poll());
    }

    synchronized boolean whitelisted() {
        return whitelisted;
    }

    synchronized void whitelisted(boolean value) {
        whitelisted = value;
    }

    synchronized String tokenState() {
        return tokenState;
    }

    synchronized void tokenState(String state) {
        tokenState = state;
    }

    synchronized void reset() {
        timezone = UisSeed.CLINIC_ZONE;
        perDay = defaultPerDay;
        added.clear();
        nextAddedId = ADDED_ID_BASE;
        tags.clear();
        // UIS accounts come with system tags; ids are the sandbox's own.
        tags.put(1L, new Tag(1, "Целевой", true));
        tags.put(2L, new Tag(2, "Нецелевой", true));
        nextTagId = 1000;
        marks.clear();
        comments.clear();
        released.clear();
        withheldTracks.clear();
        faults.clear();
        whitelisted = true;
        tokenState = "valid";
    }
}
