package kz.clinicai.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * What Spring MVC itself refuses (unknown path 404, method 405, media type 415, missing or malformed parameter
 * 400): the same JSON error body as everything else (an HTML page for browsers), never the container's bare status.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FrameworkErrors {

    @ExceptionHandler({jakarta.servlet.ServletException.class, org.springframework.beans.TypeMismatchException.class,
            org.springframework.http.converter.HttpMessageNotReadableException.class})
    Object refused(Exception e, HttpServletRequest request) {
        HttpStatus status = e instanceof ErrorResponse r ? HttpStatus.resolve(r.getStatusCode().value())
                : HttpStatus.BAD_REQUEST;
        return answer(request, status == null ? HttpStatus.BAD_REQUEST : status, switch (status == null ? 400
                : status.value()) {
            case 404 -> "Нет такой страницы";
            case 405 -> "Этот метод здесь не поддерживается";
            case 415 -> "Неподдерживаемый тип содержимого";
            default -> "Неверный запрос";
        });
    }

    static Object answer(HttpServletRequest request, HttpStatus status, String message) {
        if (Negotiation.wantsHtml(request)) {
            ModelAndView mav = new ModelAndView("error-page", status);
            mav.addObject("error", message);
            mav.addObject("status", status.value());
            return mav;
        }
        String code = status.is4xxClientError() ? (status == HttpStatus.NOT_FOUND ? "not_found"
                : status == HttpStatus.METHOD_NOT_ALLOWED ? "method_not_allowed"
                : status == HttpStatus.UNSUPPORTED_MEDIA_TYPE ? "unsupported_media_type" : "invalid_request")
                : "internal_error";
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("error", code, "message", message));
    }
}
