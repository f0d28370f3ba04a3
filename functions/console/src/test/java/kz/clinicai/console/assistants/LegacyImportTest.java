package kz.clinicai.console.assistants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegacyImportTest {

    @Test
    void readsTheOldAssistantsListFormat() {
        var parsed = LegacyImport.parse("""
                {"object":"list","data":[
                  {"id":"asst_1","object":"assistant","name":"Регистратура","model":"gpt-4o-mini",
                   "instructions":"Отвечай кратко","temperature":0.3,"top_p":0.15,
                   "tool_resources":{"file_search":{"vector_store_ids":["vs_abc"]}}},
                  {"id":"asst_2","name":null,"model":"gpt-4.1-mini","instructions":null,"temperature":null,"top_p":null,
                   "tool_resources":{}}
                ]}""", AssistantFormTest.DEC_1);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.forms()).hasSize(2);
        var first = parsed.forms().get(0).checked(AssistantFormTest.DEC_1);
        assertThat(first.name()).isEqualTo("Регистратура");
        assertThat(first.vectorStoreIds()).containsExactly("vs_abc");
        assertThat(first.topP()).isEqualTo(0.15);
        var second = parsed.forms().get(1).checked(AssistantFormTest.DEC_1);
        assertThat(second.name()).isEqualTo("asst_2");
        assertThat(second.temperature()).isNull();
    }

    @Test
    void anyInvalidAssistantIsReportedAndDuplicatesToo() {
        var parsed = LegacyImport.parse("""
                [{"name":"a","model":"gpt-5-mini","temperature":0.7},{"name":"b","model":"gpt-4o-mini"},
                 {"name":"b","model":"gpt-4o-mini"}]""", AssistantFormTest.DEC_1);
        assertThat(parsed.problems()).hasSize(2);
        assertThat(parsed.problems().get(0)).contains("«a»");
        assertThat(parsed.problems().get(1)).contains("повторяется");
        assertThat(LegacyImport.parse("not json", AssistantFormTest.DEC_1).problems()).containsExactly("Это не JSON");
        assertThat(LegacyImport.parse("{\"data\":[]}", AssistantFormTest.DEC_1).problems()).hasSize(1);
    }

    @Test
    void anAssistantOnAShutDownModelIsAProblemBeforeAnythingIsSaved() {
        var parsed = LegacyImport.parse("""
                [{"name":"old","model":"o4-mini"},{"name":"new","model":"gpt-6-luna"}]""", AssistantFormTest.DEC_1);
        assertThat(parsed.problems()).singleElement().asString().contains("«old»", "o4-mini", "отключена");
    }
}
