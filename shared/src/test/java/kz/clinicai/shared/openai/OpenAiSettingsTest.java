package kz.clinicai.shared.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.config.MissingEnvironmentException;
import kz.clinicai.shared.secrets.SecretStore;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

    private static final SecretStore SECRETS = SecretStore.of(Map.of(
            "app/openai", "{\"api_key\":\"sk-1\"}", "app/yandex", "{\"api_key\":\"AQVN-key\"}"));

    private static OpenAiSettings fromEnv(Env env) {
        return OpenAiSettings.fromEnv(env, SECRETS);
    }

    @Test
    void defaultsWithOnlyTheKey() {
        OpenAiSettings settings = fromEnv(Env.of(Map.of("OPENAI_SECRET_NAME", "app/openai")));

        assertThat(settings.apiKey().get()).isEqualTo("sk-1");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.maxRetries()).isEqualTo(2);
        assertThat(settings.project()).isEmpty();
    }

    @Test
    void everythingFromEnvForYandex() {
        OpenAiSettings settings = fromEnv(Env.of(Map.of(
                "OPENAI_SECRET_NAME", "app/yandex",
                "OPENAI_BASE_URL", "https://ai.api.cloud.yandex.net/v1/",
                "OPENAI_TIMEOUT_SECONDS", "7.5",
                "OPENAI_MAX_RETRIES", "0",
                "OPENAI_PROJECT", "b1gfolder")));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://ai.api.cloud.yandex.net/v1"));
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(7500));
        assertThat(settings.maxRetries()).isZero();
        assertThat(settings.project()).contains("b1gfolder");
    }

    @Test
    void secretNameIsRequiredAndTheKeyNeverComesFromTheEnvironment() {
        assertThatThrownBy(() -> fromEnv(Env.of(Map.of("OPENAI_API_KEY", "sk-plain"))))
                .isInstanceOf(MissingEnvironmentException.class)
                .hasMessageContaining("OPENAI_SECRET_NAME");
    }

    @Test
    void baseUrlMustEndInV1() {
        Env env = Env.of(Map.of("OPENAI_SECRET_NAME", "app/openai", "OPENAI_BASE_URL", "https://api.openai.com"));

        assertThatThrownBy(() -> fromEnv(env))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageContaining("OPENAI_BASE_URL");
    }

    @Test
    void negativeRetriesOrZeroTimeoutAreRejected() {
        assertThatThrownBy(() -> fromEnv(Env.of(Map.of("OPENAI_SECRET_NAME", "app/openai", "OPENAI_MAX_RETRIES", "-1"))))
                .isInstanceOf(InvalidEnvironmentException.class);
        assertThatThrownBy(() -> fromEnv(Env.of(Map.of("OPENAI_SECRET_NAME", "app/openai", "OPENAI_TIMEOUT_SECONDS", "0"))))
                .isInstanceOf(InvalidEnvironmentException.class);
    }

    @Test
    void toStringHidesTheKey() {
        OpenAiSettings settings = new OpenAiSettings("sk-very-secret", URI.create("http://127.0.0.1:1/v1"),
                Duration.ofSeconds(1), 0, Optional.empty());

        assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("127.0.0.1");
    }
}
