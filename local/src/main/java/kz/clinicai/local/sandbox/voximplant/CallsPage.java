package kz.clinicai.local.sandbox.voximplant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioRuntime;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession;

/** The sandbox page of live and recent scenario sessions: who said what, events, webhook round trips. */
final class CallsPage {

    private static final String PAGE = "/kz/clinicai/local/sandbox/voximplant/calls.html";

    private CallsPage() {
    }

    static String html() {
        try (InputStream in = CallsPage.class.getResourceAsStream(PAGE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> sessions(ScenarioRuntime runtime, List<VoximplantAccount.Started> started) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<ScenarioSession> sessions = new ArrayList<>(runtime.sessions());
        java.util.Collections.reverse(sessions);
        for (ScenarioSession s : sessions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session", s.id());
            m.put("custom_data", s.customData());
            m.put("legs", s.legsSummary());
            m.putAll(s.log().json());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time_scale", runtime.timeScale());
        body.put("running", runtime.running());
        body.put("sessions", out);
        return body;
    }
}
