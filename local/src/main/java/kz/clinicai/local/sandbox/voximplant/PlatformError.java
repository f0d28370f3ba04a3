package kz.clinicai.local.sandbox.voximplant;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A management API failure, answered as Voximplant answers it: HTTP 200 with {@code {"error":{"msg":…,"code":…}}}
 * (the {@code APIError} structure of the official clients; the Node client resolves such an answer instead of
 * rejecting it, the Python client raises on the {@code error} key). The codes are the {@code APIErrorCode} values
 * of {@code @voximplant/apiclient-nodejs} 4.11.0; the messages are the simulator's own wording.
 */
final class PlatformError extends Exception {

    static final int AUTHORIZATION_FAILED = 100;
    static final int INVALID_ARGUMENTS = 101;
    static final int MISSING_CMD = 102;
    static final int UNKNOWN_COMMAND = 103;
    static final int INVALID_APPLICATION_NAME = 107;
    static final int INVALID_APPLICATION_ID = 116;
    static final int INVALID_USER_ID = 117;
    static final int APPLICATION_NAME_ISNT_UNIQUE = 129;
    static final int SCRIPT_TEXT_IS_TOO_LONG = 130;
    static final int INVALID_SCENARIO_ID = 132;
    static final int SCENARIO_NAME_ISNT_UNIQUE = 133;
    static final int REQUIRED_IS_EMPTY = 134;
    static final int INVALID_RULE_ID = 147;
    static final int INVALID_RULE_PATTERN = 148;
    static final int INVALID_RULE_NAME = 156;
    static final int INVALID_SCENARIO_NAME = 168;
    static final int DUPLICATE_RULE_NAME = 175;
    static final int RULE_NO_SCENARIO_BOUND = 375;

    /** The code Voximplant's enum has for "The '{name}' parameter is invalid", else INVALID_ARGUMENTS. */
    private static final Map<String, Integer> INVALID_PARAMETER = Map.of(
            "application_id", INVALID_APPLICATION_ID, "application_name", INVALID_APPLICATION_NAME,
            "user_id", INVALID_USER_ID, "scenario_id", INVALID_SCENARIO_ID, "scenario_name", INVALID_SCENARIO_NAME,
            "rule_id", INVALID_RULE_ID, "rule_name", INVALID_RULE_NAME, "rule_pattern", INVALID_RULE_PATTERN);

    final int code;

    PlatformError(int code, String msg) {
        super(msg);
        this.code = code;
    }

    static PlatformError invalid(String parameter, String why) {
        return new PlatformError(INVALID_PARAMETER.getOrDefault(parameter, INVALID_ARGUMENTS),
                "The '" + parameter + "' parameter is invalid: " + why);
    }

    static PlatformError required(String parameter) {
        return new PlatformError(REQUIRED_IS_EMPTY, "Required parameter is empty: '" + parameter + "'");
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("msg", getMessage());
        error.put("code", code);
        return Map.of("error", error);
    }
}
