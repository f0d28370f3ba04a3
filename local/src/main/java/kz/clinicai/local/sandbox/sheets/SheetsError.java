package kz.clinicai.local.sandbox.sheets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.clinicai.shared.json.Json;

/** A Google API error: {"error":{"code":…,"message":…,"status":…}}. */
final class SheetsError extends RuntimeException {

    final int code;
    final String status;
    final transient ObjectNode detail;

    SheetsError(int code, String status, String message) {
        this(code, status, message, null);
    }

    SheetsError(int code, String status, String message, ObjectNode detail) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    static SheetsError invalid(String message) {
        return new SheetsError(400, "INVALID_ARGUMENT", message);
    }

    static SheetsError notFound() {
        return new SheetsError(404, "NOT_FOUND", "Requested entity was not found.");
    }

    ObjectNode json() {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", getMessage()).put("status", status);
        if (detail != null) {
            error.putArray("details").add(detail);
        }
        return body;
    }
}
