package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class RuleModelTest {

    /** Monday 2026-11-23. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneId.of("Asia/Almaty"));
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private final RuleModel model = new RuleModel(CLOCK, json("""
            {"fallback": {"ru": "ru: {text}", "kk": "kk: {text}"},
             "rules": [
               {"name": "book", "keywords": ["запиш", "жазыл"], "tool": "book",
                "arguments": {"date": "{date}", "time": "{time}", "thu": "{weekday:четверг}",
                              "span": ["{today}", "{tomorrow}"]},
                "reply": {"ru": "Когда вам удобно?", "kk": "Қашан ыңғайлы?"}},
               {"name": "hours", "keywords": ["часы работы"], "reply": "С 9 до 18"}
             ]}
            """));

    private static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<ObjectNode> user(String text) {
        return List.of(Items.message("msg_1", "user", text));
    }

    @Test
    void fillsTheArgumentTemplateFromTheTextAndTheInstructionsDate() {
        RuleModel.Decision d = model.decide(user("Запишите меня в пятницу в 10"), "Клиника.\nСегодня: 2026-11-25",
                Set.of("book"));
        assertThat(d).isInstanceOf(RuleModel.Decision.Call.class);
        assertThat(json(((RuleModel.Decision.Call) d).arguments())).isEqualTo(json("""
                {"date": "2026-11-27", "time": "10:00", "thu": "2026-11-26", "span": ["2026-11-25", "2026-11-26"]}"""));
    }

    @Test
    void kazakhWordsAndClockTimeUseTheSandboxClock() {
        RuleModel.Decision d = model.decide(user("Ертең 14:30 жазылғым келеді"), null, Set.of("book"));
        JsonNode args = json(((RuleModel.Decision.Call) d).arguments());
        assertThat(args.path("date").asText()).isEqualTo(MONDAY.plusDays(1).toString());
        assertThat(args.path("time").asText()).isEqualTo("14:30");
    }

    @Test
    void ruleWithoutItsToolOfferedAnswersItsReplyInTheVisitorsLanguage() {
        assertThat(model.decide(user("Запишите меня"), null, Set.of())).isEqualTo(new RuleModel.Decision.Reply("Когда вам удобно?", false));
        assertThat(model.decide(user("Жазылғым келеді"), null, Set.of())).isEqualTo(new RuleModel.Decision.Reply("Қашан ыңғайлы?", false));
        assertThat(model.decide(user("Какие у вас часы работы?"), null, Set.of()))
                .isEqualTo(new RuleModel.Decision.Reply("С 9 до 18", false));
    }

    @Test
    void keywordsMatchWordStartsOnly() {
        assertThat(model.decide(user("перезапишите"), null, Set.of("book")))
                .isEqualTo(new RuleModel.Decision.Reply("ru: перезапишите", true));
    }

    @Test
    void theSameCallIsNeverMadeTwiceAfterTheUserMessage() {
        List<ObjectNode> history = new java.util.ArrayList<>(user("Запишите на сегодня"));
        RuleModel.Decision.Call first = (RuleModel.Decision.Call) model.decide(history, null, Set.of("book"));
        ObjectNode call = Json.mapper().createObjectNode().put("type", "function_call").put("name", "book")
                .put("arguments", first.arguments()).put("call_id", "call_1");
        history.add(call);
        assertThat(model.decide(history, null, Set.of("book"))).isInstanceOf(RuleModel.Decision.Reply.class);
    }

    @Test
    void shippedRulesHandOffInRussianAndKazakh() {
        RuleModel shipped = RuleModel.load(CLOCK);
        for (String text : List.of("Позовите живого человека", "Маманмен сөйлескім келеді")) {
            assertThat(shipped.decide(user(text), null, Set.of("handoff_to_operator"))).as(text)
                    .isEqualTo(new RuleModel.Decision.Call("handoff", "handoff_to_operator",
                            "{\"reason\":\"visitor asked for a person\"}"));
        }
        String longText = "а".repeat(300);
        RuleModel.Decision.Reply reply = (RuleModel.Decision.Reply) shipped.decide(user(longText), null, Set.of());
        assertThat(reply.text()).isEqualTo("Здравствуйте! Я виртуальный помощник (sandbox). Вы написали: " + "а".repeat(200));
    }

    /**
     * The reminder callee's wish "перенесите на пятницу после обеда" (and its Kazakh twin) is what a real model turns
     * into find_free_times for the coming Friday afternoon; the offered option picked next moves there.
     */
    @Test
    void shippedRulesAskFreeTimesOnFridayAfternoonThenChooseTheOfferedOption() {
        RuleModel shipped = RuleModel.load(CLOCK);
        Set<String> tools = Set.of("find_free_times", "choose_offered_time", "cancel_appointment",
                "confirm_appointment");
        for (String text : List.of("Перенесите на пятницу после обеда", "Жұмаға түстен кейін ауыстырыңызшы")) {
            assertThat(shipped.decide(user(text), "Сегодня: 2026-11-23", tools)).as(text)
                    .isEqualTo(new RuleModel.Decision.Call("voicebot_free_times_on_day", "find_free_times",
                            "{\"date\":\"2026-11-27\",\"preferred_time\":\"15:00\"}"));
        }
        assertThat(shipped.decide(user("Давайте первое"), "Сегодня: 2026-11-23", tools))
                .isEqualTo(new RuleModel.Decision.Call("voicebot_first", "choose_offered_time", "{\"option\":1}"));
        assertThat(shipped.decide(user("Бірінші нұсқа"), "Сегодня: 2026-11-23", tools))
                .isEqualTo(new RuleModel.Decision.Call("voicebot_first", "choose_offered_time", "{\"option\":1}"));
    }

    @Test
    void partsOfTheDayAreReadAsTheToolsDescriptionSaysAndAClockTimeWins() {
        assertThat(RuleModel.timeNamed("завтра утром")).isEqualTo("09:00");
        assertThat(RuleModel.timeNamed("можно днём")).isEqualTo("13:00");
        assertThat(RuleModel.timeNamed("в обед")).isEqualTo("13:00");
        assertThat(RuleModel.timeNamed("после обеда")).isEqualTo("15:00");
        assertThat(RuleModel.timeNamed("ертең кешке")).isEqualTo("17:00");
        assertThat(RuleModel.timeNamed("после обеда, в 16:30")).isEqualTo("16:30");
        assertThat(RuleModel.timeNamed("завтра")).isEmpty();
        assertThat(RuleModel.timeNamed("позавтракаю")).as("word starts only").isEmpty();
    }
}
