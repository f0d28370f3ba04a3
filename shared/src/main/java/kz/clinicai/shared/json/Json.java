package kz.clinicai.shared.json;

import com.fasterxml.jackson.databind.json.JsonMapper;

/** Placeholder until the shared-lib branch lands (same API). */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
