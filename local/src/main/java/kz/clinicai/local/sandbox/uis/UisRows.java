package kz.clinicai.local.sandbox.uis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report rows as UIS shows them: times as {@code YYYY-MM-DD hh:mm:ss} in the account's zone, phone numbers as
 * digits, empty values null and empty lists []. Every documented field is present in a full row (fields the
 * simulator does not model are null / []), so {@code fields}, filters and sorting work on any of them.
 */
final class UisRows {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> REASONS = Map.of(
            "subscriber_disconnects", "Абонент разорвал соединение",
            "operator_not_responsible", "Сотрудник не отвечает",
            "transfer_disconnects", "Отключение сотрудника при трансфере",
            "no_success_subscriber_call", "Не дозвонились до абонента");

    private final UisAccount account;
    private final String recordsBaseUrl;

    UisRows(UisAccount account, String recordsBaseUrl) {
        this.account = account;
        this.recordsBaseUrl = recordsBaseUrl;
    }

    String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.atZone(account.timezone()));
    }

    ZoneId zone() {
        return account.timezone();
    }

    Map<String, Object> call(UisCall c) {
        boolean ongoing = c.end().isAfter(account.now());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("start_time", time(c.start()));
        m.put("finish_time", ongoing ? null : time(c.end()));
        m.put("finish_reason", ongoing ? null : c.finishReason());
        m.put("direction", c.direction());
        m.put("cpn_country_name", c.contactPhone().startsWith("77") ? "Казахстан" : null);
        m.put("source", c.direction().equals("in") ? "va" : "sip");
        m.put("is_lost", !ongoing && c.lost());
        m.put("contact_phone_number", c.contactPhone());
        m.put("communication_id", c.id());
        m.put("communication_type", "call");
        m.put("wait_duration", c.waitDuration());
        m.put("total_wait_duration", c.totalDuration() - c.cleanTalkDuration());
        m.put("talk_duration", c.talkDuration());
        m.put("clean_talk_duration", c.cleanTalkDuration());
        m.put("total_duration", ongoing ? (int) Duration.between(c.start(), account.now()).toSeconds()
                : c.totalDuration());
        m.put("postprocess_duration", 0);
        List<UisLeg> recorded = ongoing ? List.of() : c.recordedLegs();
        m.put("call_records", recorded.stream().map(UisLeg::recordHash).toList());
        // Every leg's own track, client first: a simple call has two, as real calls do (one per leg).
        m.put("wav_call_records", ongoing ? List.of() : c.trackedLegs().stream().map(UisLeg::wavHash).toList());
        m.put("full_record_file_link", recorded.isEmpty() ? null
                : recordsBaseUrl + "/media/" + c.id() + "/" + c.fullRecordHash());
        m.put("virtual_phone_number", c.virtualPhone());
        m.put("is_transfer", c.transfer());
        List<Map<String, Object>> employees = new ArrayList<>();
        for (UisLeg leg : c.operatorLegs()) {
            if (employees.stream().noneMatch(e -> e.get("employee_id").equals(leg.employee().id()))) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("employee_id", leg.employee().id());
                e.put("employee_full_name", leg.employee().fullName());
                e.put("is_answered", leg.talked());
                e.put("is_talked", leg.talked() && leg.duration() > 0);
                employees.add(e);
            }
        }
        m.put("employees", employees);
        List<Map<String, Object>> tags = new ArrayList<>();
        for (UisAccount.TagMark mark : account.marks(c.id())) {
            account.tag(mark.tagId()).ifPresent(t -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("tag_name", t.name());
                e.put("tag_id", t.id());
                e.put("tag_change_time", time(mark.at()));
                e.put("tag_type", "manual");
                e.put("tag_user_id", null);
                e.put("tag_user_login", null);
                e.put("tag_employee_id", null);
                e.put("tag_employee_full_name", null);
                tags.add(e);
            });
        }
        m.put("tags", tags);
        List<UisLeg> answered = c.operatorLegs().stream().filter(UisLeg::talked).toList();
        UisLeg first = answered.isEmpty() ? null : answered.get(0);
        UisLeg last = answered.isEmpty() ? null : answered.get(answered.size() - 1);
        for (String kind : List.of("answered", "talked")) {
            m.put("first_" + kind + "_employee_id", first == null ? null : first.employee().id());
            m.put("first_" + kind + "_employee_full_name", first == null ? null : first.employee().fullName());
            m.put("last_" + kind + "_employee_id", last == null ? null : last.employee().id());
            m.put("last_" + kind + "_employee_full_name", last == null ? null : last.employee().fullName());
        }
        m.put("operator_phone_number", last == null ? null : last.employee().phone());
        return UisQuery.complete(UisCatalog.method("get.calls_report"), m);
    }

    Map<String, Object> leg(UisCall c, UisLeg l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("call_session_id", c.id());
        m.put("call_records", l.recorded() ? List.of(l.recordHash()) : List.of());
        m.put("wav_call_records", l.tracked() ? List.of(l.wavHash()) : List.of());
        m.put("start_time", time(l.start()));
        m.put("connect_time", time(l.connect()));
        m.put("duration", l.duration());
        m.put("total_duration", l.totalDuration());
        m.put("finish_reason", l.finishReason());
        m.put("finish_reason_description", REASONS.get(l.finishReason()));
        m.put("virtual_phone_number", c.virtualPhone());
        m.put("calling_phone_number", l.calling());
        m.put("called_phone_number", l.called());
        m.put("direction", c.direction());
        m.put("is_transfered", l.transfered());
        m.put("is_operator", l.operator());
        m.put("employee_id", l.employee() == null ? null : l.employee().id());
        m.put("employee_full_name", l.employee() == null ? null : l.employee().fullName());
        m.put("employee_phone_number", l.employee() == null ? null : l.employee().phone());
        m.put("is_coach", false);
        m.put("is_failed", l.operator() && !l.talked());
        m.put("is_talked", l.talked() && l.duration() > 0);
        m.put("contact_phone_number", c.contactPhone());
        return UisQuery.complete(UisCatalog.method("get.call_legs_report"), m);
    }

    Map<String, Object> tag(UisAccount.Tag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("is_system", t.system());
        return m;
    }
}
