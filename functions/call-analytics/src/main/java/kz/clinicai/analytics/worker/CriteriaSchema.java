package kz.clinicai.analytics.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import kz.clinicai.analytics.profile.Criterion;
import kz.clinicai.shared.json.Json;

/**
 * The structured-output schema of one profile's analysis, generated from its criteria, in the strict subset the
 * Responses API takes (every object closed with {@code additionalProperties: false}, every property required):
 * {@code {"summary": "...", "criteria": {"<key>": {"value": …, "evidence": "quote"}}}}. The same schema checks the
 * answer (json-schema-validator) before it is accepted.
 */
final class CriteriaSchema {

    static final String NAME = "call_analysis";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final ObjectNode schema;
    private final Schema validator;

    CriteriaSchema(List<Criterion> criteria) {
        this.schema = build(criteria);
        this.validator = REGISTRY.getSchema(schema);
    }

    ObjectNode json() {
        return schema.deepCopy();
    }

    /** The problems of {@code answer} against the schema; empty when it is valid. */
    List<String> problems(JsonNode answer) {
        List<Error> errors = validator.validate(answer);
        return errors.stream().map(Error::toString).toList();
    }

    static ObjectNode build(List<Criterion> criteria) {
        ObjectNode root = object();
        ObjectNode props = root.putObject("properties");
        props.putObject("summary").put("type", "string")
                .put("description", "Exactly two sentences in Russian: what the call was about and how it ended.");
        ObjectNode crit = props.putObject("criteria");
        crit.put("type", "object");
        ObjectNode cprops = crit.putObject("properties");
        ArrayNode creq = crit.putArray("required");
        crit.put("additionalProperties", false);
        for (Criterion c : criteria) {
            ObjectNode one = cprops.putObject(c.key());
            one.put("type", "object");
            one.put("description", c.title() + ": " + c.instructions());
            ObjectNode p = one.putObject("properties");
            p.set("value", value(c));
            p.putObject("evidence").put("type", "string")
                    .put("description", "A short verbatim quote from the transcript that supports the value; empty if none.");
            one.putArray("required").add("value").add("evidence");
            one.put("additionalProperties", false);
            creq.add(c.key());
        }
        root.putArray("required").add("summary").add("criteria");
        root.put("additionalProperties", false);
        return root;
    }

    private static ObjectNode value(Criterion c) {
        ObjectNode v = Json.mapper().createObjectNode();
        switch (c.type()) {
            case "enum" -> {
                v.put("type", "string");
                ArrayNode values = v.putArray("enum");
                c.values().forEach(values::add);
            }
            case "boolean" -> v.put("type", "boolean");
            case "score" -> v.put("type", "integer").put("minimum", 0).put("maximum", 10);
            default -> v.put("type", "string").put("description", "A few words.");
        }
        return v;
    }

    private static ObjectNode object() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", "object");
        return o;
    }
}
