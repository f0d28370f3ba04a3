package kz.clinicai.calls.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** Body of {@code POST /calls}. Unknown fields are refused (a typo must not silently change a call). */
@JsonIgnoreProperties(ignoreUnknown = false)
record StartCallRequest(String phone, String assistant, String greeting, String language, String mode,
                        Map<String, String> metadata, Boolean schedule, String timezone) {
}
