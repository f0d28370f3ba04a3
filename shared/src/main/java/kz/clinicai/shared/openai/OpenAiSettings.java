package kz.clinicai.shared.openai;

import kz.clinicai.shared.config.Env;

/** Placeholder until the shared-lib branch lands (same API). */
public record OpenAiSettings(String apiKey, String baseUrl) {
    public static OpenAiSettings fromEnv(Env env) {
        return new OpenAiSettings(env.required("OPENAI_API_KEY"), env.get("OPENAI_BASE_URL", "https://api.openai.com/v1"));
    }
}
