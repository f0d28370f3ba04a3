package kz.clinicai.voicebot;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantDraft;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.assistant.AssistantVersionConflictException;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.http.HttpResponses;
import kz.clinicai.shared.validation.Validate;

/** Create/update and read assistant configurations (the API key is checked by the router before these run). */
final class AssistantsApi {
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_INSTRUCTIONS_CHARS = 100_000;

    /** Names are DynamoDB key parts ({@code name#<name>}); ids are a GSI key. Both far below 2,048 bytes. */
    static final int MAX_NAME_CHARS = 100;
    static final int MAX_ID_CHARS = 128;

    private final AssistantRepository repository;
    private final Clock clock;

    AssistantsApi(AssistantRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Body of POST /api/assistants/create/. */
    record CreateRequest(String name, String instructions, String model, Double temperature,
                         @JsonProperty("top_p") Double topP) {
    }

    /** What both endpoints answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssistantView(String id, String name, int version, String model, String instructions,
                         Double temperature, @JsonProperty("top_p") Double topP,
                         @JsonProperty("updated_at") String updatedAt) {
        static AssistantView of(AssistantConfig c) {
            return new AssistantView(c.id(), c.name(), c.version(), c.model(), c.instructions(), c.temperature(),
                    c.topP(), c.updatedAt().toString());
        }
    }

    APIGatewayV2HTTPResponse create(HttpRequest request) {
        CreateRequest body = request.readJson(CreateRequest.class, MAX_BODY_BYTES);
        AssistantDraft draft = validate(body, java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        try {
            AssistantConfig saved = repository.saveNewVersion(draft, clock.instant());
            return HttpResponses.json(saved.version() == 1 ? 201 : 200, AssistantView.of(saved));
        } catch (AssistantVersionConflictException e) {
            throw new ApiException(409, "conflict", "The assistant was updated concurrently; retry");
        }
    }

    APIGatewayV2HTTPResponse info(HttpRequest request) {
        // Checked before any storage call: DynamoDB refuses a key over 2,048 bytes with an error, not a miss.
        var name = request.queryParam("name").filter(s -> !s.isBlank())
                .map(n -> Validate.key("name", n, MAX_NAME_CHARS));
        var id = request.queryParam("id").filter(s -> !s.isBlank())
                .map(i -> Validate.key("id", i, MAX_ID_CHARS));
        if (name.isEmpty() && id.isEmpty()) {
            throw ApiException.badRequest("missing_parameter", "Give ?name= or ?id=");
        }
        AssistantConfig config = (name.isPresent() ? repository.latestByName(name.get())
                : repository.latestById(id.get()))
                .orElseThrow(() -> ApiException.notFound("assistant_not_found", "No such assistant"));
        return HttpResponses.json(200, AssistantView.of(config));
    }

    static AssistantDraft validate(CreateRequest body, java.time.LocalDate today) {
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
        // NaN and Infinity fail every comparison, so a plain range check would let them through to DynamoDB.
        Validate.finite("temperature", body.temperature(), 0, 2);
        Validate.finite("top_p", body.topP(), 0, 1);
        AssistantDraft draft = new AssistantDraft(body.name(), body.model().trim(), body.instructions(),
                body.temperature(), body.topP());
        // A model/parameter combination the OpenAI API refuses would fail every turn, and a model shutting down
        // within 30 days soon would: refuse it here instead (the message names the replacement).
        draft.refusal(today).ifPresent(reason -> {
            boolean retiring = kz.clinicai.shared.openai.ModelLifecycle.standard().refusal(draft.model(), today)
                    .isPresent() && kz.clinicai.shared.openai.ModelCapabilities.standard()
                    .refusal(draft.model(), draft.temperature(), draft.topP()).isEmpty();
            throw ApiException.badRequest(retiring ? "model_shutting_down" : "unsupported_model_parameters", reason);
        });
        return draft;
    }
}
