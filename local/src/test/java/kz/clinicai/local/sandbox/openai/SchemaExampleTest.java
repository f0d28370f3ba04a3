package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class SchemaExampleTest {

    @Test
    void followsRefsEnumsBoundsFormatsAndNullableUnions() throws IOException {
        JsonNode schema = Json.mapper().readTree("""
                {"type": "object", "additionalProperties": false,
                 "required": ["visit", "kind", "count", "price", "note", "when", "code", "items"],
                 "properties": {
                   "visit": {"$ref": "#/$defs/Visit"},
                   "kind": {"type": "string", "enum": ["consultation", "cleaning"]},
                   "count": {"type": "integer", "minimum": 2},
                   "price": {"type": "number", "exclusiveMinimum": 0.5},
                   "note": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 3}]},
                   "when": {"type": ["string", "null"], "format": "date"},
                   "code": {"type": "string", "minLength": 12},
                   "items": {"type": "array", "minItems": 2, "items": {"type": "boolean"}}
                 },
                 "$defs": {"Visit": {"type": "object", "properties": {"doctor": {"type": "string"}}}}}
                """);
        JsonNode example = SchemaExample.generate(schema, "Болит зуб", LocalDate.of(2026, 11, 23));
        assertThat(example.toString()).isEqualTo(Json.mapper().readTree("""
                {"visit": {"doctor": "Болит зуб"}, "kind": "consultation", "count": 2, "price": 1.5,
                 "note": "Бол", "when": "2026-11-23", "code": "Болит зубxxx", "items": [false, false]}
                """).toString());
    }
}
