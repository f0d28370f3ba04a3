package kz.clinicai.local.sandbox.uis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON-RPC failure as UIS documents it: {@code error{code, message, data{mnemonic, field, value, params}}}.
 * Messages are the documented English texts.
 */
final class UisRpcError extends RuntimeException {

    final int code;
    final String mnemonic;
    final String field;
    final Object value;
    final Map<String, Object> params;

    UisRpcError(int code, String mnemonic, String message, String field, Object value, Map<String, Object> params) {
        super(message);
        this.code = code;
        this.mnemonic = mnemonic;
        this.field = field;
        this.value = value;
        this.params = params;
    }

    static UisRpcError of(int code, String mnemonic, String message) {
        return new UisRpcError(code, mnemonic, message, null, null, null);
    }

    static UisRpcError invalid(String field, Object value) {
        return new UisRpcError(-32602, "invalid_parameter_value", "Invalid parameter value", field, value, null);
    }

    static UisRpcError missing(String field) {
        return new UisRpcError(-32602, "required_parameter_missed", "The required parameter has been missed", field,
                null, null);
    }

    static UisRpcError unexpected(String field, Object value) {
        return new UisRpcError(-32602, "unexpected_parameters", "Unexpected method parameter(s)", field, value, null);
    }

    static UisRpcError wrongType(String field, Object value) {
        return new UisRpcError(-32602, "data_type_error", "Data supplied is of wrong type", field, value, null);
    }

    static UisRpcError notFound(String field, Object value) {
        return new UisRpcError(-32602, "entity_not_found", "Entity not found", field, value, null);
    }

    /** The documented error for a mnemonic the control API injects. */
    static UisRpcError injected(String mnemonic) {
        return switch (mnemonic) {
            case "ip_not_whitelisted" -> new UisRpcError(-32003, mnemonic, "Your IP 127.0.0.1 is not whitelisted", null,
                    null, Map.of("ip", "127.0.0.1"));
            case "access_token_invalid" -> of(-32001, mnemonic, "Access token is invalid");
            case "access_token_expired" -> of(-32001, mnemonic, "Access token has been expired");
            case "access_token_blocked" -> of(-32001, mnemonic, "Access token has been blocked");
            case "forbidden" -> of(-32003, mnemonic, "Permission denied");
            case "account_inactive" -> of(-32009, mnemonic, "Your account has been disabled, contact the support service");
            case "internal_error" -> of(-32603, mnemonic, "Internal error, contact the support service");
            case "limit_exceeded" -> limitExceeded("minute", UisLimits.MINUTE_LIMIT);
            default -> throw new IllegalArgumentException("not an injectable UIS error: " + mnemonic);
        };
    }

    static UisRpcError limitExceeded(String type, int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit_type", type);
        params.put("limit_max_value", max);
        return new UisRpcError(-32029, "limit_exceeded", "Limit per " + type + " has been exceeded. Value of current"
                + " limit per " + type + " is " + max, null, null, params);
    }
}
