package kz.clinicai.voicebot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.logging.Logs;
import kz.clinicai.voicebot.acs.AcsReply;
import kz.clinicai.voicebot.acs.AcsReplyFormatter;
import kz.clinicai.voicebot.acs.AcsRequest;
import kz.clinicai.voicebot.acs.AcsRequestException;
import kz.clinicai.voicebot.booking.UnknownAppointmentException;
import kz.clinicai.voicebot.booking.UnknownClinicException;
import kz.clinicai.voicebot.booking.VoicebotService;
import kz.clinicai.shared.validation.Validate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code POST /voicebot/{clinic}/v1/}: ACS's utterance in, ACS's reply JSON out (errors in the same shape). */
public final class VoicebotHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(VoicebotHandler.class);
    static final int MAX_CLINIC_CHARS = 128;

    private final VoicebotService service;

    public VoicebotHandler() {
        this(VoicebotModule.fromEnv(Env.current()).service());
    }

    public VoicebotHandler(VoicebotService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Logs.withRequestContext(context, () -> answer(event));
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        HttpRequest request = HttpRequest.of(event);
        String clinic = request.pathParam("clinic").orElse("");
        MDC.put("clinic", clinic);
        try {
            if (clinic.isBlank()) {
                return reply(404, AcsReply.error("Клиника не указана"));
            }
            // A slug longer than any clinic's cannot name one, and DynamoDB would refuse it as a key (an error,
            // not a miss): checked before the lookup, in the shared validator.
            if (clinic.length() > MAX_CLINIC_CHARS || Validate.utf8Length(clinic) > Validate.DYNAMODB_SORT_KEY_BYTES) {
                return reply(404, AcsReply.error("Неизвестная клиника"));
            }
            AcsRequest acs = AcsRequest.parse(request.bodyText());
            MDC.put("appointmentId", Long.toString(acs.appointmentId()));
            VoicebotService.Answer answer = service.answer(clinic, acs.appointmentId(), acs.userInput());
            AcsReply reply = AcsReplyFormatter.format(answer.outcome(), answer.today());
            LOG.info("Replied {}", reply.status());
            return reply(200, reply);
        } catch (AcsRequestException e) {
            LOG.info("Rejected request: {}", e.getMessage());
            return reply(e.status(), AcsReply.error(e.getMessage()));
        } catch (UnknownClinicException e) {
            LOG.info(e.getMessage());
            return reply(404, AcsReply.error("Неизвестная клиника"));
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
