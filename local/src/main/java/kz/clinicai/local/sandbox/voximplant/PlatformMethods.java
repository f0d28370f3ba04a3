package kz.clinicai.local.sandbox.voximplant;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The management API methods the simulator serves and the parameters each one declares, with their wire types, as
 * the official Node client {@code @voximplant/apiclient-nodejs} 4.11.0 declares them (its request mappers:
 * {@code rawName} and {@code TypeTransformer.to(type)}). A parameter outside this table is refused, so a misspelt
 * name in our client fails here instead of being silently ignored (whether the real API ignores unknown parameters
 * is not documented). Wire forms: {@code number} an integer, {@code boolean} {@code true}/{@code false} (the client
 * sends {@code String(bool)}), {@code intlist} integers joined by {@code ;}, {@code string}/{@code stringlist} text.
 */
final class PlatformMethods {

    enum Type { STRING, NUMBER, BOOLEAN, INTLIST, STRINGLIST }

    private static final Map<String, Map<String, Type>> DECLARED = new LinkedHashMap<>();

    static {
        declare("AddApplication", "application_name:string secure_record_storage:boolean");
        declare("GetApplications", "application_id:number application_name:string with_rules:boolean "
                + "with_scenarios:boolean count:number offset:number");
        declare("AddScenario", "scenario_name:string scenario_script:string rule_id:number rule_name:string "
                + "rewrite:boolean application_id:number application_name:string");
        declare("SetScenarioInfo", "scenario_id:number required_scenario_name:string scenario_name:string "
                + "scenario_script:string");
        declare("GetScenarios", "scenario_id:number scenario_name:string with_script:boolean count:number "
                + "offset:number application_id:number application_name:string");
        declare("BindScenario", "scenario_id:intlist scenario_name:stringlist rule_id:number rule_name:string "
                + "application_id:number application_name:string bind:boolean");
        declare("StartScenarios", "rule_id:number user_id:number user_name:string application_id:number "
                + "application_name:string script_custom_data:string reference_ip:string server_location:string");
        declare("AddRule", "rule_name:string rule_pattern:string application_id:number application_name:string "
                + "rule_pattern_exclude:string video_conference:boolean bind_key_id:string scenario_id:intlist "
                + "scenario_name:stringlist");
        declare("GetRules", "application_id:number application_name:string rule_id:number rule_name:string "
                + "video_conference:boolean attached_key_id:string template:string with_scenarios:boolean "
                + "count:number offset:number");
    }

    private PlatformMethods() {
    }

    private static void declare(String method, String params) {
        Map<String, Type> types = new LinkedHashMap<>();
        for (String p : params.split(" ")) {
            String[] nt = p.split(":");
            types.put(nt[0], Type.valueOf(nt[1].toUpperCase(java.util.Locale.ROOT)));
        }
        DECLARED.put(method, types);
    }

    static boolean known(String method) {
        return DECLARED.containsKey(method);
    }

    static java.util.Set<String> methods() {
        return DECLARED.keySet();
    }

    /** Refuses an unknown method, an undeclared parameter or a value that is not of its declared wire type. */
    static void check(String method, Map<String, String> params) throws PlatformError {
        Map<String, Type> declared = DECLARED.get(method);
        if (declared == null) {
            throw new PlatformError(PlatformError.UNKNOWN_COMMAND, "Unknown command: " + method);
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            Type type = declared.get(e.getKey());
            if (type == null) {
                throw new PlatformError(PlatformError.INVALID_ARGUMENTS, "Invalid arguments: " + method
                        + " takes no parameter '" + e.getKey() + "' (it takes " + String.join(", ", declared.keySet())
                        + ")");
            }
            String v = e.getValue().trim();
            boolean ok = switch (type) {
                case STRING, STRINGLIST -> true;
                case NUMBER -> v.matches("-?\\d{1,18}");
                case BOOLEAN -> v.equals("true") || v.equals("false");
                case INTLIST -> v.matches("\\d{1,18}(;\\d{1,18})*");
            };
            if (!ok) {
                throw PlatformError.invalid(e.getKey(), "expected " + type.name().toLowerCase(java.util.Locale.ROOT)
                        + ", got '" + abbreviate(e.getValue()) + "'");
            }
        }
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
