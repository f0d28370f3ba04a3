package kz.clinicai.voicebot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.shared.openai.OpenAiPriming;
import kz.clinicai.shared.snapstart.Priming;
import kz.clinicai.shared.snapstart.SyntheticEvents;
import kz.clinicai.shared.clinic.AccessDeniedException;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.voicebot.acs.AcsReply;
import kz.clinicai.voicebot.acs.AcsReplyFormatter;
import kz.clinicai.voicebot.acs.AcsRequest;
import kz.clinicai.voicebot.acs.AcsRequestException;
import kz.clinicai.shared.booking.UnknownAppointmentException;
import kz.clinicai.voicebot.booking.VoicebotService;
import kz.clinicai.shared.infoclinica.InfoClinicaXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /voicebot/{clinic}/v1}: ACS's utterance in, ACS's reply JSON out (errors in the same shape). The
 * request is validated before anything is read from storage: the clinic slug's pattern and length, the content
 * type, strict JSON. The clinic's credential comes as {@code Authorization: Bearer <token>} or {@code X-Api-Key},
 * or — for a robot that cannot set headers — as the query parameter {@code token}.
 */
public final class VoicebotHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(VoicebotHandler.class);
    /** Lower-case letters, digits and dashes, ≤ 64 characters: far below DynamoDB's key size. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private final VoicebotService service;
    private final HttpRouter router;

    public VoicebotHandler() {
        this(VoicebotModule.fromEnv(Env.current()).service());
        Priming.register("VoicebotFunction", Env.current(), VoicebotHandler::prime);
    }

    /**
     * SnapStart priming (shared Priming: a twin on the loopback priming server, no real data, no secret): an ACS
     * utterance through the whole HTTP path (slug, content type, strict JSON, the rate limiter's DynamoDB update,
     * the clinic read; it ends as an unknown clinic), and one Responses call with a function tool through the
     * voicebot's OpenAI client settings.
     */
    static void prime(Env env) {
        VoicebotModule module = VoicebotModule.fromEnv(env);
        VoicebotHandler twin = new VoicebotHandler(module.service());
        twin.handleRequest(SyntheticEvents.http("POST", "POST /voicebot/{clinic}/v1", "/voicebot/priming/v1",
                Map.of("clinic", "priming"), Map.of("content-type", "application/json",
                        "authorization", "Bearer priming"),
                "{\"appointment_id\": 1, \"user_input\": \"Какое время у меня завтра запись?\"}"),
                SyntheticEvents.context("VoicebotFunction"));
        OpenAiPriming.respond(module.openAi(), module.defaultModel());
        // InfoClinica's XML both ways (the DOM parser is a large part of a cold first request); the twin never
        // reaches InfoClinica (its clinic is unknown), and no TLS connection is made here.
        InfoClinicaXml.request("SCHEDULE_INFO", "1", "priming", LocalDateTime.now(), Map.of("SCHEDID", "1"));
        try {
            InfoClinicaXml.parseAppointment(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><WEB_SCHEDULE_INFO_OUT "
                    + "xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AA</MSA.1></MSA><SCHEDULE_INFO_OUT><SPRESULT>-2</SPRESULT>"
                    + "<SPCOMMENT>Запись не найдена</SPCOMMENT></SCHEDULE_INFO_OUT></WEB_SCHEDULE_INFO_OUT>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), 1);
        } catch (RuntimeException expected) {
            // "not found" is the answer primed
        }
    }

    VoicebotHandler(VoicebotService service) {
        this.service = service;
        this.router = HttpRouter.builder().route("POST", "/voicebot/{clinic}/v1", this::answer).build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> router.handle(event));
    }

    /** Every failure of the utterance becomes ACS's own error shape (the router's error model is for a wrong route). */
    private APIGatewayV2HTTPResponse answer(HttpRequest request) {
        String clinic = request.pathParam("clinic").orElse("");
        try {
            if (!SLUG.matcher(clinic).matches()) {
                return reply(400, AcsReply.error("Неверный идентификатор клиники"));
            }
            MDC.put("clinic", clinic);
            String contentType = request.header("content-type").orElse("").toLowerCase(Locale.ROOT).trim();
            if (!contentType.equals("application/json") && !contentType.startsWith("application/json;")) {
                return reply(415, AcsReply.error("Ожидается Content-Type: application/json"));
            }
            AcsRequest acs = AcsRequest.parse(request.bodyText());
            MDC.put("appointmentId", Long.toString(acs.appointmentId()));
            LOG.debug("Utterance: {}", acs.userInput());
            VoicebotService.Answer answer = service.answer(clinic, new ClinicAccess.Caller(
                    request.credentialOrQueryToken().orElse(null),
                    request.sourceIp()), acs.appointmentId(), acs.userInput());
            AcsReply reply = AcsReplyFormatter.format(answer.outcome(), answer.today());
            LOG.info("Replied {}", reply.status());
            return reply(200, reply);
        } catch (AcsRequestException e) {
            LOG.info("Rejected request: {}", e.getMessage());
            return reply(e.status(), AcsReply.error(e.getMessage()));
        } catch (AccessDeniedException e) {
            LOG.info("Access denied ({}): {}", e.status(), e.getMessage());
            return reply(e.status(), AcsReply.error(e.getMessage()));
        } catch (UnknownAppointmentException e) {
            LOG.info(e.getMessage());
            return reply(404, AcsReply.error("Запись не найдена"));
        } catch (RuntimeException e) {
            LOG.error("Voicebot request failed", e);
            return reply(500, AcsReply.error("Внутренняя ошибка"));
        } finally {
            MDC.remove("clinic");
            MDC.remove("appointmentId");
        }
    }

    private static APIGatewayV2HTTPResponse reply(int status, AcsReply body) {
        return HttpResponses.json(status, body);
    }
}
