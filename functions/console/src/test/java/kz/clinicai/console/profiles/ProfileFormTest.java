package kz.clinicai.console.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class ProfileFormTest {

    private static Map<String, String[]> params(String... pairs) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], new String[] {pairs[i + 1]});
        }
        return out;
    }

    private static final Map<String, String[]> FILLED = params("profileId", "clinic-a", "name", "Клиника",
            "enabled", "true", "uisTokenSecret", "clinicai/analytics/a-uis", "uisTimeZone", "",
            "directionIn", "true", "minTalkSeconds", "10", "employeeIds", "5001, 5002",
            "virtualNumbers", "77272001122", "spreadsheetId", "sheet1", "sheetName", "Звонки",
            "googleSecret", "clinicai/analytics/google", "languages", "ru, kk", "vocabulary", "ClinicAI",
            "c0.key", "tone", "c0.title", "Тон", "c0.type", "enum", "c0.values", "хороший\n плохой \n",
            "c0.instructions", "Тон клиента",
            "c1.key", "", "c1.title", "", "c1.type", "text", "c1.values", "", "c1.instructions", "",
            "c2.key", "objections", "c2.title", "Возражения", "c2.type", "text", "c2.values", "",
            "c2.instructions", "Возражения клиента", "writeBackComment", "true", "tagCriteria", "tone",
            "version", "3");

    @Test
    void aPostedFormBecomesTheApisProfileWithBlankCriterionRowsLeftOut() throws Exception {
        ProfileForm form = ProfileForm.of(FILLED);
        assertThat(form.formProblems()).isEmpty();
        JsonNode json = form.toJson(null);
        JsonNode expected = Json.mapper().readTree("""
                {"profileId":"clinic-a","name":"Клиника","enabled":true,
                 "uis":{"accessTokenSecret":"clinicai/analytics/a-uis"},
                 "calls":{"directions":["in"],"answeredOnly":false,"minTalkSeconds":10,"employeeIds":[5001,5002],
                          "virtualNumbers":["77272001122"]},
                 "sheet":{"spreadsheetId":"sheet1","sheetName":"Звонки","serviceAccountSecret":"clinicai/analytics/google"},
                 "transcription":{"languages":["ru","kk"],"vocabulary":["ClinicAI"]},
                 "criteria":[{"key":"tone","title":"Тон","type":"enum","values":["хороший","плохой"],"instructions":"Тон клиента"},
                             {"key":"objections","title":"Возражения","type":"text","instructions":"Возражения клиента"}],
                 "writeBack":{"enabled":false,"comment":true,"tagCriteria":["tone"]},
                 "version":3}""");
        // Compared as parsed text: the API reads numbers by value, not by Java type.
        assertThat(Json.mapper().readTree(json.toString())).isEqualTo(expected);
        // Row indices follow what was sent, so the API's criteria[1] is the second filled row.
        assertThat(form.criteria()).extracting(ProfileForm.CriterionRow::key).containsExactly("tone", "objections");
    }

    @Test
    void bothOrNoDirectionsMeanAllCalls() {
        Map<String, String[]> p = new LinkedHashMap<>(FILLED);
        p.put("directionOut", new String[] {"true"});
        assertThat(ProfileForm.of(p).toJson(null).path("calls").path("directions")).isEmpty();
        p.remove("directionIn");
        p.remove("directionOut");
        assertThat(ProfileForm.of(p).toJson(null).path("calls").path("directions")).isEmpty();
    }

    @Test
    void aProfileReadBackGivesTheSameForm() {
        ProfileForm form = ProfileForm.of(FILLED);
        assertThat(ProfileForm.of(form.toJson(null))).isEqualTo(form);
    }

    @Test
    void fieldsTheFormDoesNotShowSurviveAnEditAndStoredMetadataIsNotSent() throws Exception {
        ObjectNode stored = (ObjectNode) Json.mapper().readTree("""
                {"profileId":"clinic-a","future":{"x":1},"calls":{"somethingNew":true},"version":3,
                 "createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-02T00:00:00Z","pullError":"token expired"}""");
        JsonNode sent = ProfileForm.of(FILLED).toJson(stored);
        assertThat(sent.path("future").path("x").asInt()).isEqualTo(1);
        assertThat(sent.path("calls").path("somethingNew").asBoolean()).isTrue();
        assertThat(sent.has("createdAt") || sent.has("updatedAt") || sent.has("pullError")).isFalse();
        assertThat(sent.path("version").asLong()).isEqualTo(3);
        assertThat(stored.has("createdAt")).as("the profile as read is not changed").isTrue();
    }

    @Test
    void textWhereTheApiTakesANumberIsTheFormsOwnProblem() {
        Map<String, String[]> p = new LinkedHashMap<>(FILLED);
        p.put("minTalkSeconds", new String[] {"ten"});
        p.put("employeeIds", new String[] {"5001, Иванов"});
        assertThat(ProfileForm.of(p).formProblems()).containsOnlyKeys("calls.minTalkSeconds", "calls.employeeIds");
    }

    @Test
    void theApisMessageSplitsIntoOneProblemPerFieldItNames() {
        Map<String, List<String>> problems = ProfileForm.problems("profileId: 2-63 characters; "
                + "criteria[0].key: 1-40 characters; criteria[0].title: required; "
                + "criteria[1].key: duplicate tone; at most 30 criteria");
        assertThat(problems).containsOnlyKeys("profileId", "criteria[0].key", "criteria[0].title",
                "criteria[1].key", "");
        assertThat(problems.get("criteria[1].key")).containsExactly("duplicate tone");
        assertThat(problems.get("")).containsExactly("at most 30 criteria");
    }

    @Test
    void theAuditViewIsFlatAndLeavesTheStoredMetadataOut() throws Exception {
        JsonNode stored = Json.mapper().readTree("""
                {"profileId":"a","uis":{"accessTokenSecret":"clinicai/analytics/a"},
                 "criteria":[{"key":"tone","values":["x","y"]}],"transcription":{"languages":["ru","kk"]},
                 "version":4,"updatedAt":"2026-12-02T00:00:00Z","pullError":"stopped"}""");
        assertThat(ProfileForm.flat(stored)).containsExactlyInAnyOrderEntriesOf(Map.of("profileId", "a",
                "uis.accessTokenSecret", "clinicai/analytics/a", "criteria[0].key", "tone",
                "criteria[0].values", "x, y", "transcription.languages", "ru, kk"));
    }
}
