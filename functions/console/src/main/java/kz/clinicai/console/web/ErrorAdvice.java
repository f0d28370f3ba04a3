package kz.clinicai.console.web;

import com.openai.errors.OpenAIException;
import kz.clinicai.console.assistants.AssistantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Errors of the pages: logged, and shown as a Bootstrap toast on a plain error page (or as JSON to the page's own
 * scripts). Never a stack trace.
 */
@ControllerAdvice(annotations = Controller.class)
class ErrorAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(AssistantService.NotFound.class)
    Object notFound(AssistantService.NotFound e, HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(kz.clinicai.console.clinics.ClinicService.NotFound.class)
    Object clinicNotFound(kz.clinicai.console.clinics.ClinicService.NotFound e, HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(AssistantService.Invalid.class)
    Object invalid(AssistantService.Invalid e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(OpenAIException.class)
    Object openAi(OpenAIException e, HttpServletRequest request) {
        LOG.warn("OpenAI call failed on {}: {}", request.getRequestURI(), e.toString());
        return answer(request, HttpStatus.BAD_GATEWAY, "OpenAI не ответил как ожидалось: " + e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    Object bad(IllegalArgumentException e, HttpServletRequest request) {
        LOG.info("bad input on {}: {}", request.getRequestURI(), e.toString());
        return answer(request, HttpStatus.BAD_REQUEST, "Неверные данные: " + e.getMessage());
    }

    /** Anything else: logged with its stack trace, shown as a plain 500 toast (never the trace itself). */
    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e; // Spring Security answers it (403)
        }
        if (e instanceof org.springframework.web.ErrorResponse refused) {
            return answer(request, HttpStatus.valueOf(refused.getStatusCode().value()), "Неверный запрос");
        }
        LOG.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "Внутренняя ошибка консоли; подробности в журнале");
    }

    private static Object answer(HttpServletRequest request, HttpStatus status, String message) {
        return FrameworkErrors.answer(request, status, message);
    }
}
