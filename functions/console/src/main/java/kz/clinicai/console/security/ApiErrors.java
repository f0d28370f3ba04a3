package kz.clinicai.console.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/** The platform's error body {@code {"error": code, "message": ...}} written straight to a servlet response. */
final class ApiErrors {

    private ApiErrors() {
    }

    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
