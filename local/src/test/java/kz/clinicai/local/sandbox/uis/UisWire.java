package kz.clinicai.local.sandbox.uis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.json.Json;

/** A sandbox with only the UIS simulator on a settable clock, and plain JSON-RPC / HTTP calls to it. */
final class UisWire implements AutoCloseable {

    /** A clock tests move by hand. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            SettableClock self = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return self.withZone(z);
                }

                @Override
                public Instant instant() {
                    return self.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Sandbox sandbox;
    private final SettableClock clock;
    private int nextId = 1;

    private UisWire(Sandbox sandbox, SettableClock clock) {
        this.sandbox = sandbox;
        this.clock = clock;
    }

    static UisWire start(Instant now) throws Exception {
        SettableClock clock = new SettableClock(now);
        return new UisWire(Sandbox.start(0, List.of(new UisService(clock, 10))), clock);
    }

    SettableClock clock() {
        return clock;
    }

    void reset(Instant now) {
        clock.set(now);
        sandbox.reset();
    }

    String mount() {
        return sandbox.mountUrl("uis");
    }

    Map<String, String> settings() {
        return sandbox.settings();
    }

    /** One JSON-RPC call with the sandbox token. */
    JsonNode rpc(String method, Map<String, Object> params) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.putIfAbsent("access_token", sandbox.settings().get("uis.accessToken"));
        return raw(Map.of("jsonrpc", "2.0", "id", nextId++, "method", method, "params", p));
    }

    JsonNode result(String method, Map<String, Object> params) throws Exception {
        JsonNode r = rpc(method, params);
        assertThat(r.has("error")).as(r.toString()).isFalse();
        return r.path("result");
    }

    JsonNode error(String method, Map<String, Object> params) throws Exception {
        JsonNode r = rpc(method, params);
        assertThat(r.has("result")).as(r.toString()).isFalse();
        return r.path("error");
    }

    /** Any body, as sent; answers the parsed JSON (HTTP 200 always, as UIS answers). */
    JsonNode raw(Object body) throws Exception {
        HttpResponse<String> r = post(sandbox.settings().get("uis.baseUrl"), Json.mapper().writeValueAsBytes(body));
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    JsonNode rawText(String body) throws Exception {
        HttpResponse<String> r = post(sandbox.settings().get("uis.baseUrl"), body.getBytes());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    JsonNode control(String path, Object body) throws Exception {
        HttpResponse<String> r = post(mount() + "/_control/" + path, Json.mapper().writeValueAsBytes(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    JsonNode controlGet(String path) throws Exception {
        return Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(mount() + "/_control/" + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    String page(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(mount() + "/" + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(String url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
