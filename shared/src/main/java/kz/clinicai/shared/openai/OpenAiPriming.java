package kz.clinicai.shared.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of the OpenAI client (kz.clinicai.shared.snapstart.Priming): one Responses call shaped like the
 * platform's (instructions, user input, a strict function tool) through a client built on the priming environment,
 * so OkHttp, Kotlin and openai-java's request building, serialisation and response parsing are loaded and compiled
 * before the snapshot. The client must point at the priming server; nothing reaches OpenAI.
 */
public final class OpenAiPriming {

    private OpenAiPriming() {
    }

    /** @return the output text the priming server answered */
    public static String respond(OpenAIClient client, String model) {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(model)
                .instructions("priming")
                .input("priming")
                .store(false)
                .addTool(FunctionTool.builder().name("priming").strict(true)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                                .putAdditionalProperty("required", JsonValue.from(List.of()))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .build())
                .build());
        StringBuilder text = new StringBuilder();
        response.output().forEach(item -> {
            item.message().ifPresent(m -> m.content().forEach(c -> c.outputText().ifPresent(t -> text.append(t.text()))));
            // Tool calls are parsed as the voicebot and the calls webhook parse them.
            item.functionCall().ifPresent(call -> call.arguments());
        });
        return text.toString();
    }
}
