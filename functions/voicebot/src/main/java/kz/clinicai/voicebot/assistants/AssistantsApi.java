package kz.clinicai.voicebot.assistants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantDraft;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.assistant.AssistantVersionConflictException;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;

/** Create/update and read assistant configurations; every call needs the API key in {@code x-api-key}. */
public final class AssistantsApi {
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_INSTRUCTIONS_CHARS = 100_000;

    private final AssistantRepository repository;
    private final byte[] apiKey;
    private final Clock clock;

    public AssistantsApi(AssistantRepository repository, String apiKey, Clock clock) {
        if (apiKey == null || apiKey.length() < 16) {
            throw new IllegalArgumentException("The assistants API key must have at least 16 characters");
        }
        this.repository = repository;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Body of POST /api/assistants/create/. */
    public record CreateRequest(String name, String instructions, String model, Double temperature,
                                @JsonProperty("top_p") Double topP) {
    }

    /** What both endpoints answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssistantView(String id, String name, int version, String model, String instructions,
                                Double temperature, @JsonProperty("top_p") Double topP,
                                @JsonProperty("updated_at") String updatedAt) {
        static AssistantView of(AssistantConfig c) {
            return new AssistantView(c.id(), c.name(), c.version(), c.model(), c.instructions(), c.temperature(),
                    c.topP(), c.updatedAt().toString());
        }
    }

    APIGatewayV2HTTPResponse create(HttpRequest request) {
        authorize(request);
        CreateRequest body = request.readJson(CreateRequest.class, MAX_BODY_BYTES);
        AssistantDraft draft = validate(body);
        try {
            AssistantConfig saved = repository.saveNewVersion(draft, clock.instant());
            return HttpResponses.json(saved.version() == 1 ? 201 : 200, AssistantView.of(saved));
        } catch (AssistantVersionConflictException e) {
            throw new ApiException(409, "conflict", "The assistant was updated concurrently; retry");
        }
    }

    APIGatewayV2HTTPResponse info(HttpRequest request) {
        authorize(request);
        var name = request.queryParam("name").filter(s -> !s.isBlank());
        var id = request.queryParam("id").filter(s -> !s.isBlank());
        if (name.isEmpty() && id.isEmpty()) {
            throw ApiException.badRequest("missing_parameter", "Give ?name= or ?id=");
        }
        AssistantConfig config = (name.isPresent() ? repository.latestByName(name.get())
                : repository.latestById(id.get()))
                .orElseThrow(() -> ApiException.notFound("assistant_not_found", "No such assistant"));
        return HttpResponses.json(200, AssistantView.of(config));
    }

    private void authorize(HttpRequest request) {
        byte[] given = request.header("x-api-key").orElse("").getBytes(StandardCharsets.UTF_8);
        // Constant-time: the comparison must not reveal how much of a guessed key was right.
        if (!MessageDigest.isEqual(given, apiKey)) {
            throw ApiException.unauthorized("Missing or wrong x-api-key");
        }
    }

    static AssistantDraft validate(CreateRequest body) {
        if (body == null) {
            throw ApiException.badRequest("invalid_body", "Body required");
        }
        if (body.name() == null || !body.name().matches("[A-Za-z0-9._-]{1,100}")) {
            throw ApiException.badRequest("invalid_name", "name: 1-100 characters of A-Z a-z 0-9 . _ -");
        }
        if (body.instructions() == null || body.instructions().isBlank()
                || body.instructions().length() > MAX_INSTRUCTIONS_CHARS) {
            throw ApiException.badRequest("invalid_instructions",
                    "instructions: required, at most " + MAX_INSTRUCTIONS_CHARS + " characters");
        }
        if (body.model() == null || body.model().isBlank() || body.model().length() > 200) {
            throw ApiException.badRequest("invalid_model", "model: required");
        }
        if (body.temperature() != null && (body.temperature() < 0 || body.temperature() > 2)) {
            throw ApiException.badRequest("invalid_temperature", "temperature: 0..2");
        }
        if (body.topP() != null && (body.topP() < 0 || body.topP() > 1)) {
            throw ApiException.badRequest("invalid_top_p", "top_p: 0..1");
        }
        AssistantDraft draft = new AssistantDraft(body.name(), body.model().trim(), body.instructions(),
                body.temperature(), body.topP());
        // A model/parameter combination the OpenAI API refuses would fail every turn: refuse it here instead.
        draft.refusal().ifPresent(reason -> {
            throw ApiException.badRequest("unsupported_model_parameters", reason);
        });
        return draft;
    }
}
