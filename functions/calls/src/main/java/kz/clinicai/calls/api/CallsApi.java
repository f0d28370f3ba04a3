package kz.clinicai.calls.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.calls.call.Call;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.secrets.ConstantTime;

/** Routes of the calls API; every route but /health needs {@code x-api-key}. */
public final class CallsApi {

    static final int MAX_BODY_BYTES = 16 * 1024;

    private final HttpRouter router;
    private final Supplier<String> apiKey;

    public CallsApi(CallsService service, Supplier<String> apiKey) {
        this.apiKey = apiKey;
        this.router = HttpRouter.builder()
                .route("POST", "/calls", request -> {
                    authorize(request);
                    Call call = service.start(StartCallRequest.read(request.readJson(JsonNode.class, MAX_BODY_BYTES)));
                    return HttpResponses.json(201, CallView.created(call));
                })
                .route("GET", "/calls", request -> {
                    authorize(request);
                    var list = service.list(request.queryParam("status"), request.queryParam("limit"));
                    return HttpResponses.json(200, Map.of("calls", list.stream().map(CallView::brief).toList(),
                            "count", list.size()));
                })
                .route("GET", "/calls/{id}", request -> {
                    authorize(request);
                    return HttpResponses.json(200, CallView.full(service.get(request.pathParam("id").orElse(""))));
                })
                .route("GET", "/health", request -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "ok");
                    body.put("timestamp", service.clock().instant().toString());
                    body.put("active_calls", service.activeCalls());
                    body.put("version", service.settings().version());
                    return HttpResponses.json(200, body, Map.of("Cache-Control", "no-store"));
                })
                .build();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return router.handle(event);
    }

    private void authorize(HttpRequest request) {
        String presented = request.header("x-api-key").orElse("");
        if (presented.isEmpty() || !ConstantTime.equals(presented, apiKey.get())) {
            throw ApiException.unauthorized("A valid x-api-key header is required");
        }
    }
}
