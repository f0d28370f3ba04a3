package kz.clinicai.analytics.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code get.calls_report} as far as the analytics need it, with its legs once the pull has read them. Times are account-local
 * ({@code YYYY-MM-DD hh:mm:ss}); phone numbers digits without "+".
 */
public record UisCall(long id, String startTime, String finishTime, String direction, boolean lost,
                      String contactPhone, String virtualPhone, int talkSeconds, int totalSeconds,
                      long communicationId, List<String> records, List<Employee> employees, List<UisLeg> legs) {

    /** The fields requested from {@code get.calls_report}. */
    public static final List<String> FIELDS = List.of("id", "start_time", "finish_time", "direction", "is_lost",
            "contact_phone_number", "virtual_phone_number", "talk_duration", "total_duration", "communication_id",
            "call_records", "employees");

    public record Employee(long id, String name) {
    }

    public UisCall {
        records = records == null ? List.of() : List.copyOf(records);
        employees = employees == null ? List.of() : List.copyOf(employees);
        legs = legs == null ? List.of() : List.copyOf(legs);
    }

    /** This call with its legs (from {@code get.call_legs_report}). */
    public UisCall withLegs(List<UisLeg> found) {
        return new UisCall(id, startTime, finishTime, direction, lost, contactPhone, virtualPhone, talkSeconds,
                totalSeconds, communicationId, records, employees, found);
    }

    /**
     * The legs whose own tracks separate the speakers: at least one operator and one client track, else empty
     * (the worker then transcribes the mixed recording without speaker labels).
     */
    public List<UisLeg> speakerLegs() {
        List<UisLeg> tracked = legs.stream().filter(UisLeg::hasTrack).toList();
        boolean operator = tracked.stream().anyMatch(UisLeg::operator);
        boolean client = tracked.stream().anyMatch(l -> !l.operator());
        return operator && client ? tracked : List.of();
    }

    public static UisCall of(JsonNode row) {
        List<String> records = new ArrayList<>();
        row.path("call_records").forEach(r -> records.add(r.asText()));
        List<Employee> employees = new ArrayList<>();
        row.path("employees").forEach(e -> employees.add(new Employee(e.path("employee_id").asLong(),
                e.path("employee_full_name").asText(""))));
        return new UisCall(row.path("id").asLong(), row.path("start_time").asText(""),
                row.path("finish_time").asText(""), row.path("direction").asText(""), row.path("is_lost").asBoolean(),
                text(row, "contact_phone_number"), text(row, "virtual_phone_number"),
                row.path("talk_duration").asInt(), row.path("total_duration").asInt(),
                row.path("communication_id").asLong(row.path("id").asLong()), records, employees, List.of());
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.path(field);
        return v.isNull() || v.isMissingNode() ? "" : v.asText();
    }

    public String employeeNames() {
        return String.join(", ", employees.stream().map(Employee::name).filter(n -> !n.isBlank()).toList());
    }
}
