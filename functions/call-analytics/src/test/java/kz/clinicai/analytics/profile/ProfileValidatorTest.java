package kz.clinicai.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.shared.http.ApiException;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {

    @Test
    void aCompleteProfilePasses() {
        ProfileValidator.validate(Fixtures.profile(Fixtures.criteria()));
    }

    @Test
    void everyProblemIsListedInOneAnswer() {
        Profile bad = new Profile("X", null, null, new Profile.Uis("secret value with spaces", "Mars/Base"),
                new Profile.CallFilter(List.of("sideways"), null, -1, null, List.of("+7 727")),
                new Profile.Sheet("", "a/b", null), null,
                List.of(new Criterion("tone", "Тон", "enum", List.of("один"), "x"),
                        new Criterion("tone", "Статус", "color", null, ""),
                        new Criterion("ok", "Ок", "boolean", List.of("да"), "x")),
                new Profile.WriteBack(true, true, List.of("missing")), null, null, null, null);
        assertThatThrownBy(() -> ProfileValidator.validate(bad)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_profile");
            assertThat(e.getMessage()).contains("profileId", "uis.accessTokenSecret", "uis.timeZone",
                    "calls.directions", "calls.minTalkSeconds", "calls.virtualNumbers", "sheet.spreadsheetId",
                    "sheet.sheetName", "sheet.serviceAccountSecret", "criteria[0].values", "criteria[1].key: duplicate",
                    "criteria[1].title", "criteria[1].type", "criteria[1].instructions", "criteria[2].values",
                    "writeBack.tagCriteria");
        });
    }

    @Test
    void noCriteriaIsAnError() {
        assertThatThrownBy(() -> ProfileValidator.validate(Fixtures.profile(List.of())))
                .hasMessageContaining("at least one criterion");
    }
}
