package kz.clinicai.calls.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import kz.clinicai.calls.call.Call;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;

/** Routes of the calls API; every route but /health needs the API key ({@code x-api-key} or a Bearer token). */
public final class CallsApi {

    static final int MAX_BODY_BYTES = 16 * 1024;
    /** A do-not-call import of up to 500 numbers with spaces and a note. */
    static final int MAX_IMPORT_BYTES = 64 * 1024;

    private final HttpRouter router;

    public CallsApi(CallsService service, Supplier<String> apiKey) {
        this(service, apiKey, UnaryOperator.identity());
    }

    /** @param more adds the routes of features that share this function (reminders) */
    public CallsApi(CallsService service, Supplier<String> apiKey, UnaryOperator<HttpRouter.Builder> more) {
        SettingsApi settings = new SettingsApi(service);
        this.router = more.apply(HttpRouter.builder())
                .apiKey(apiKey)
                .route("POST", "/calls", request -> {
                    Call call = service.start(StartCallRequest.read(request.readJson(JsonNode.class, MAX_BODY_BYTES)));
                    return HttpResponses.json(201, CallView.created(call));
                })
                .route("GET", "/calls", request -> {
                    var list = service.list(request.queryParam("status"), request.queryParam("limit"));
                    return HttpResponses.json(200, Map.of("calls", list.stream().map(CallView::brief).toList(),
                            "count", list.size()));
                })
                .route("GET", "/calls/settings", request -> HttpResponses.json(200, settings.settings()))
                .route("PUT", "/calls/settings", request -> invalidAs400(() -> HttpResponses.json(200,
                        settings.put(request.readJson(JsonNode.class, MAX_BODY_BYTES)))))
                .route("GET", "/calls/do-not-call", request ->
                        HttpResponses.json(200, settings.doNotCallList(request.queryParam("limit"))))
                .route("POST", "/calls/do-not-call", request -> invalidAs400(() -> HttpResponses.json(200,
                        settings.add(request.readJson(JsonNode.class, MAX_IMPORT_BYTES)))))
                .route("DELETE", "/calls/do-not-call/{phone}", request -> invalidAs400(() -> {
                    settings.remove(request.pathParam("phone").orElse(""));
                    return HttpResponses.empty(204);
                }))
                .route("GET", "/calls/{id}", request ->
                        HttpResponses.json(200, CallView.full(service.get(request.pathParam("id").orElse("")))))
                .publicRoute("GET", "/health", request -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "ok");
                    body.put("timestamp", service.clock().instant().toString());
                    body.put("active_calls", service.activeCalls());
                    body.put("version", service.settings().version());
                    return HttpResponses.json(200, body, Map.of("Cache-Control", "no-store"));
                })
                .build();
    }

    private static APIGatewayV2HTTPResponse invalidAs400(Supplier<APIGatewayV2HTTPResponse> route) {
        try {
            return route.get();
        } catch (SettingsApi.InvalidRequest e) {
            return HttpResponses.json(400, e.body());
        }
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }
}
