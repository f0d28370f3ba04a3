package kz.clinicai.local.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml against template.yaml, without a stack: the same routes on both sides (HttpApi events as
 * "METHOD /path", ANY as AWS's x-amazon-apigateway-any-method; function URLs as path items marked
 * x-function-url), and a document that holds together (every $ref resolves, every security requirement names a
 * declared scheme, every operation has an operationId and documents its answers).
 */
class OpenApiRoutesTest {

    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static final SamTemplate TEMPLATE = SamTemplate.load(ProjectRoot.find(Path.of("")).resolve("template.yaml"));

    static Set<String> templateRoutes() {
        Set<String> routes = new TreeSet<>();
        for (FunctionDef f : TEMPLATE.functions()) {
            f.events(EventSource.HttpApiRoute.class).forEach(r -> routes.add(r.method() + " " + r.path()));
            f.functionUrlAuthType().ifPresent(auth -> routes.add("POST url:" + f.logicalId()));
        }
        return routes;
    }

    @Test
    void everyRouteOfTheTemplateIsDocumentedAndTheDocumentHasNoOtherRoute() {
        Set<String> documented = new TreeSet<>(DOC.operations().keySet());
        Set<String> template = templateRoutes();

        assertThat(template).as("routes of template.yaml").hasSizeGreaterThan(30);
        assertThat(difference(template, documented)).as("routes of template.yaml missing from docs/openapi.yaml")
                .isEmpty();
        assertThat(difference(documented, template)).as("routes of docs/openapi.yaml that template.yaml lacks")
                .isEmpty();
    }

    @Test
    void theDocumentIsOpenApi31AndEveryReferenceResolves() {
        assertThat(DOC.root().path("openapi").asText()).startsWith("3.1.");
        List<String> broken = new ArrayList<>();
        refs(DOC.root(), broken);
        assertThat(broken).as("$ref that point nowhere").isEmpty();
    }

    @Test
    void everyOperationIsNamedAnswersAndUsesDeclaredSecuritySchemes() {
        Set<String> schemes = new TreeSet<>();
        DOC.root().path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        Set<String> ids = new TreeSet<>();
        for (OpenApiDocument.Operation op : DOC.operations().values()) {
            String id = op.node().path("operationId").asText("");
            assertThat(id).as("operationId of " + op.key()).isNotBlank();
            assertThat(ids.add(id)).as("operationId " + id + " is unique").isTrue();
            assertThat(DOC.statuses(op)).as("responses of " + op.key()).isNotEmpty();
            assertThat(op.node().has("security")).as("security of " + op.key() + " (empty list: public)").isTrue();
            for (JsonNode requirement : op.node().path("security")) {
                requirement.fieldNames().forEachRemaining(name ->
                        assertThat(schemes).as("security scheme of " + op.key()).contains(name));
            }
        }
    }

    @Test
    void theValidatorResolvesReferencesAndRejectsWhatTheDocumentForbids() throws Exception {
        var json = kz.clinicai.shared.json.Json.mapper();
        OpenApiDocument.Operation voicebot = DOC.operation("POST", "/voicebot/{clinic}/v1").orElseThrow();
        // 401 is a $ref to components/responses/AcsError: allOf a $ref to AcsReply and status "error".
        String acsError = DOC.responsePointer(voicebot, 401).orElseThrow() + "/content/application~1json/schema";
        assertThat(DOC.validate(acsError, json.readTree("{\"status\":\"error\",\"message\":\"Нет токена\"}")))
                .isEmpty();
        assertThat(DOC.validate(acsError, json.readTree("{\"status\":\"which_time\",\"message\":\"x\"}")))
                .isNotEmpty();
        assertThat(DOC.validate(acsError, json.readTree("{\"error\":\"unauthorized\",\"message\":\"x\"}")))
                .as("the platform's error model is not the ACS shape").isNotEmpty();
        String ok = DOC.responsePointer(voicebot, 200).orElseThrow() + "/content/application~1json/schema";
        assertThat(DOC.validate(ok, json.readTree("{\"status\":\"which_time_tomorrow\",\"first_time\":\"10:30\"}")))
                .isEmpty();
        assertThat(DOC.validate(ok, json.readTree("{\"status\":\"which_time_yesterday\"}"))).isNotEmpty();
        String request = DOC.requestSchemaPointer(voicebot).orElseThrow();
        assertThat(DOC.validate(request, json.readTree("{\"appointment_id\":\"abc\",\"user_input\":\"да\"}")))
                .isNotEmpty();
    }

    private static void refs(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || DOC.root().at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> refs(child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> refs(child, broken));
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toCollection(TreeSet::new));
    }
}
