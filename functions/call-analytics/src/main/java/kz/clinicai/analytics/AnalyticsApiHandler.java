package kz.clinicai.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import kz.clinicai.analytics.api.AnalyticsApi;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;

/** Lambda adapter of {@link AnalyticsApi}: the routes of template.yaml's AnalyticsApiFunction. */
public final class AnalyticsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String PROFILES = "/analytics/profiles";
    static final String PROFILE = "/analytics/profiles/{profileId}";

    private final HttpRouter router;

    public AnalyticsApiHandler() {
        this(AnalyticsApiModule.fromEnv(Env.current()));
        Priming.register("AnalyticsApiFunction", Env.current(), AnalyticsApiHandler::prime);
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data; its API key is the
     * priming server's placeholder): {@code GET /analytics/profiles} and a profile's calls through the router, the
     * key check and the DynamoDB queries.
     */
    static void prime(Env env) {
        AnalyticsApiHandler twin = new AnalyticsApiHandler(AnalyticsApiModule.fromEnv(env));
        Map<String, String> headers = Map.of("content-type", "application/json", "x-api-key", "priming");
        twin.handleRequest(SyntheticEvents.http("GET", "GET /analytics/profiles", "/analytics/profiles", Map.of(),
                headers, null), SyntheticEvents.context("AnalyticsApiFunction"));
        twin.handleRequest(SyntheticEvents.http("GET", "GET /analytics/profiles/{profileId}/calls",
                "/analytics/profiles/priming/calls", Map.of("profileId", "priming"), headers, null),
                SyntheticEvents.context("AnalyticsApiFunction"));
    }

    AnalyticsApiHandler(AnalyticsApiModule module) {
        AnalyticsApi api = module.api();
        this.router = HttpRouter.builder().apiKey(module.apiKey())
                .route("POST", PROFILES, r -> HttpResponses.json(201,
                        api.create(r.readJson(Profile.class, AnalyticsApi.MAX_BODY_BYTES))))
                .route("GET", PROFILES, r -> HttpResponses.json(200, Map.of("profiles", api.list())))
                .route("GET", PROFILE, r -> HttpResponses.json(200, api.get(id(r))))
                .route("PUT", PROFILE, r -> HttpResponses.json(200,
                        api.update(id(r), r.readJson(Profile.class, AnalyticsApi.MAX_BODY_BYTES))))
                .route("GET", PROFILE + "/status", r -> HttpResponses.json(200,
                        api.status(id(r), r.queryParam("date"))))
                .route("POST", PROFILE + "/pull", r -> HttpResponses.json(200, api.pull(id(r))))
                .route("GET", PROFILE + "/calls", r -> HttpResponses.json(200, Map.of("calls",
                        api.calls(id(r), r.queryParam("status"), r.queryParam("date")))))
                .route("GET", PROFILE + "/calls/{callId}", r -> HttpResponses.json(200,
                        api.call(id(r), r.pathParam("callId").orElse(""))))
                .route("POST", PROFILE + "/calls/{callId}/retry", r -> HttpResponses.json(202,
                        api.retry(id(r), r.pathParam("callId").orElse(""))))
                .route("POST", PROFILE + "/backfill", r -> HttpResponses.json(202,
                        api.backfill(id(r), r.readJson(AnalyticsApi.BackfillRequest.class, 4096))))
                .route("GET", PROFILE + "/backfill", r -> HttpResponses.json(200,
                        Map.of("backfills", api.backfills(id(r)))))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }

    private static String id(HttpRequest r) {
        return r.pathParam("profileId").orElse("");
    }
}
