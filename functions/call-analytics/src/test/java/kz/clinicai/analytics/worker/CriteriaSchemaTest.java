package kz.clinicai.analytics.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class CriteriaSchemaTest {

    private final CriteriaSchema schema = new CriteriaSchema(Fixtures.criteria());

    @Test
    void everyObjectIsClosedAndRequiresAllItsPropertiesAsStrictStructuredOutputDemands() {
        assertStrict(schema.json());
        assertThat(schema.json().path("properties").path("criteria").path("required"))
                .extracting(JsonNode::asText).containsExactly("tone", "callback", "quality", "topics");
    }

    private static void assertStrict(JsonNode node) {
        if (node.path("type").asText().equals("object")) {
            assertThat(node.path("additionalProperties").isBoolean()).isTrue();
            assertThat(node.path("additionalProperties").asBoolean()).isFalse();
            var names = new java.util.ArrayList<String>();
            node.path("properties").fieldNames().forEachRemaining(names::add);
            assertThat(node.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(names);
            node.path("properties").forEach(CriteriaSchemaTest::assertStrict);
        }
    }

    @Test
    void aValidAnswerPassesAndWrongValuesAreNamed() throws Exception {
        String ok = """
                {"summary":"Клиент записался. Всё хорошо.","criteria":{
                 "tone":{"value":"позитивный","evidence":"Спасибо"},"callback":{"value":false,"evidence":""},
                 "quality":{"value":9,"evidence":"Записала вас"},"topics":{"value":"запись","evidence":"записаться"}}}""";
        assertThat(schema.problems(Json.mapper().readTree(ok))).isEmpty();

        String bad = ok.replace("\"позитивный\"", "\"злой\"").replace("9", "11").replace(",\"evidence\":\"\"}", "}");
        assertThat(schema.problems(Json.mapper().readTree(bad))).hasSizeGreaterThanOrEqualTo(3)
                .anySatisfy(p -> assertThat(p).contains("tone"))
                .anySatisfy(p -> assertThat(p).contains("quality"))
                .anySatisfy(p -> assertThat(p).contains("evidence"));
        assertThat(schema.problems(Json.mapper().readTree(ok.replace("}}}", "}},\"extra\":1}")))).isNotEmpty();
    }
}
