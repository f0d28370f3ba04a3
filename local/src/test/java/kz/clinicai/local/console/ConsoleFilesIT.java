package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;

/** Knowledge files larger than a Lambda invocation (through S3) and the import of a legacy assistants export. */
class ConsoleFilesIT {

    @Test
    void aFileOverSixMegabytesGoesThroughAPresignedS3PutToTheVectorStore() throws Exception {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        HttpResponse<String> created = admin.postForm("/console/files", Map.of("name", "big-" + System.nanoTime(),
                "_csrf", admin.csrf("/console/files")));
        String location = created.headers().firstValue("location").orElseThrow();
        String store = location.substring(location.indexOf("/console/files/") + "/console/files/".length(),
                location.indexOf('?'));
        byte[] content = new byte[7 * 1024 * 1024];
        Arrays.fill(content, (byte) 'a');
        String csrf = admin.csrf("/console/files/" + store);

        HttpResponse<String> target = admin.postJson("/console/files/" + store + "/upload-url",
                "{\"filename\":\"big.txt\",\"size\":" + content.length + "}", "X-XSRF-TOKEN", csrf,
                "Accept", "application/json");
        assertThat(target.statusCode()).as(target.body()).isEqualTo(200);
        JsonNode t = PlatformStackFixture.json(target);
        HttpResponse<Void> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(t.path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(200);

        HttpResponse<String> passed = admin.postJson("/console/files/" + store + "/from-s3",
                "{\"key\":\"" + t.path("key").asText() + "\",\"filename\":\"big.txt\"}", "X-XSRF-TOKEN", csrf,
                "Accept", "application/json");
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(201);
        assertThat(PlatformStackFixture.json(passed).path("bytes").asLong()).isEqualTo(content.length);
        assertThat(admin.get("/console/files/" + store).body()).contains(PlatformStackFixture.json(passed)
                .path("file_id").asText());

        // The inline path refuses what would not fit an invocation, with a clear message.
        HttpResponse<String> inline = admin.postJson("/console/files/" + store + "/upload",
                "{\"filename\":\"x.txt\",\"content_base64\":\"\"}", "X-XSRF-TOKEN", csrf, "Accept", "application/json");
        assertThat(inline.statusCode()).isEqualTo(400);
        HttpResponse<String> foreignKey = admin.postJson("/console/files/" + store + "/from-s3",
                "{\"key\":\"uploads/vs_other/x/y.txt\"}", "X-XSRF-TOKEN", csrf, "Accept", "application/json");
        assertThat(foreignKey.statusCode()).isEqualTo(400);
    }

    @Test
    void aLegacyExportIsImportedWholeOrNotAtAll() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String a = "legacy-a-" + System.nanoTime();
        String b = "legacy-b-" + System.nanoTime();
        String c = "legacy-c-" + System.nanoTime();
        // a is fine on any day (a live model without sampling); b asks a reasoning model for a temperature; c names
        // o4-mini, which OpenAI shut down on 2026-10-23 (retired for good, so refused on every later day).
        String bad = """
                {"object":"list","data":[{"id":"asst_x","name":"%s","model":"gpt-6-luna","instructions":"A"},
                 {"id":"asst_y","name":"%s","model":"gpt-6-luna","temperature":0.5,"instructions":"B"},
                 {"id":"asst_z","name":"%s","model":"o4-mini","instructions":"C"}]}""".formatted(a, b, c);
        HttpResponse<String> refused = admin.postForm("/console/import", Map.of("json", bad,
                "_csrf", admin.csrf("/console/import")));
        assertThat(refused.body()).contains("Импорт не выполнен").contains(b)
                .contains("не принимает temperature").contains(c).contains("o4-mini").contains("отключена");
        assertThat(admin.get("/console/assistants?q=" + a).body()).contains("Найдено: 0");

        String good = """
                {"object":"list","data":[{"id":"asst_x","name":"%s","model":"gpt-6-luna","instructions":"A",
                  "temperature":null,"top_p":null,"tool_resources":{"file_search":{"vector_store_ids":[]}}},
                 {"id":"asst_y","name":"%s","model":"gpt-6-luna","temperature":null,"top_p":null,"instructions":"B"}]}"""
                .formatted(a, b);
        HttpResponse<String> imported = admin.postForm("/console/import", Map.of("json", good,
                "_csrf", admin.csrf("/console/import")));
        assertThat(new String(imported.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("Импортировано ассистентов: 2");
        assertThat(admin.get("/console/assistants?q=legacy-").body()).contains(a).contains(b);
    }
}
