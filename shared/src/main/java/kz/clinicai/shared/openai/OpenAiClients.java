package kz.clinicai.shared.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/** Placeholder until the shared-lib branch lands (same API). */
public final class OpenAiClients {
    private OpenAiClients() {
    }

    public static OpenAIClient create(OpenAiSettings settings) {
        return OpenAIOkHttpClient.builder().apiKey(settings.apiKey()).baseUrl(settings.baseUrl()).build();
    }
}
