package kz.clinicai.analytics.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.http.RouteHandler;
import kz.clinicai.shared.logging.Logs;

/** Lambda adapter of {@link AnalyticsApi}: the routes of template.yaml's AnalyticsApiFunction. */
public final class AnalyticsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String PROFILES = "/analytics/profiles";
    static final String PROFILE = "/analytics/profiles/{profileId}";

    private final HttpRouter router;

    public AnalyticsApiHandler() {
        this(AnalyticsApiModule.fromEnv().api());
    }

    public AnalyticsApiHandler(AnalyticsApi api) {
        this.router = HttpRouter.builder()
                .route("POST", PROFILES, auth(api, r -> HttpResponses.json(201,
                        api.create(r.readJson(Profile.class, AnalyticsApi.MAX_BODY_BYTES)))))
                .route("GET", PROFILES, auth(api, r -> HttpResponses.json(200, Map.of("profiles", api.list()))))
                .route("GET", PROFILE, auth(api, r -> HttpResponses.json(200, api.get(id(r)))))
                .route("PUT", PROFILE, auth(api, r -> HttpResponses.json(200,
                        api.update(id(r), r.readJson(Profile.class, AnalyticsApi.MAX_BODY_BYTES)))))
                .route("GET", PROFILE + "/calls", auth(api, r -> HttpResponses.json(200, Map.of("calls",
                        api.calls(id(r), r.queryParam("status"), r.queryParam("date"))))))
                .route("GET", PROFILE + "/calls/{callId}", auth(api, r -> HttpResponses.json(200,
                        api.call(id(r), r.pathParam("callId").orElse("")))))
                .route("POST", PROFILE + "/calls/{callId}/retry", auth(api, r -> HttpResponses.json(202,
                        api.retry(id(r), r.pathParam("callId").orElse("")))))
                .route("POST", PROFILE + "/backfill", auth(api, r -> HttpResponses.json(202,
                        api.backfill(id(r), r.readJson(AnalyticsApi.BackfillRequest.class, 4096)))))
                .route("GET", PROFILE + "/backfill", auth(api, r -> HttpResponses.json(200,
                        Map.of("backfills", api.backfills(id(r))))))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }

    private static RouteHandler auth(AnalyticsApi api, RouteHandler handler) {
        return request -> {
            api.authorize(request);
            return handler.handle(request);
        };
    }

    private static String id(HttpRequest r) {
        return r.pathParam("profileId").orElse("");
    }
}
