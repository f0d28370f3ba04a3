package kz.clinicai.analytics;

import java.util.List;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.profile.Criterion;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.uis.UisCall;

/** Profiles and calls for unit tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static List<Criterion> criteria() {
        return List.of(new Criterion("tone", "Тон", "enum", List.of("позитивный", "нейтральный", "негативный"),
                        "Тон клиента."),
                new Criterion("callback", "Перезвонить", "boolean", null, "Нужен ли перезвон."),
                new Criterion("quality", "Качество", "score", null, "Качество обслуживания."),
                new Criterion("topics", "Темы", "text", null, "Темы звонка."));
    }

    public static Profile profile(List<Criterion> criteria) {
        return new Profile("demo-1", "Demo", true, new Profile.Uis("clinicai/analytics/uis", "Asia/Almaty"),
                null, new Profile.Sheet("1abc", "Calls", "clinicai/analytics/google"), null, criteria, null, 1L,
                null, null, null);
    }

    public static CallRecord call(long id, CallStatus status, String analysis, String reason) {
        UisCall call = new UisCall(id, "2026-11-30 10:15:00", "2026-11-30 10:17:00", "in", false, "77011234567",
                "77272001122", 110, 120, id, List.of("abc123"), List.of(new UisCall.Employee(5001, "Сапарова Динара")),
                List.of());
        return new CallRecord("demo-1", id, status, call, true, List.of(), List.of(), null, 110.0, analysis, reason, null, null,
                null, null, "demo-1", "2026-11-30T05:20:00Z", 0, false, false, 0, null);
    }
}
