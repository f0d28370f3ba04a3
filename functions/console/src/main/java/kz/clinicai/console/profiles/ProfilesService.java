package kz.clinicai.console.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kz.clinicai.console.audit.AuditLog;

/**
 * The "Аналитика" page's operations on analytics profiles: each goes to the analytics API (its validation answers)
 * and each change that landed is written to the console's audit (kind {@value #KIND}) with the actor. A change the
 * API refused is not audited: nothing changed.
 */
public final class ProfilesService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProfilesService.class);

    public static final String KIND = "analytics-profile";
    public static final int HISTORY = 50;

    /** Secret values typed into the form (blank: none); stored before the profile, never shown again. */
    public record SecretUploads(String uisToken, String googleKey) {
        boolean any() {
            return !uisToken.isBlank() || !googleKey.isBlank();
        }
    }

    private final AnalyticsApiClient api;
    private final AnalyticsSecrets secrets;
    private final AuditLog audit;

    public ProfilesService(AnalyticsApiClient api, AnalyticsSecrets secrets, AuditLog audit) {
        this.api = Objects.requireNonNull(api, "api");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Names of the secrets a profile may name, for the form's pickers. */
    public List<String> secretNames() {
        try {
            return secrets.names();
        } catch (RuntimeException e) {
            // The pickers are a convenience: the form still takes a typed name.
            LOG.warn("secret names under {} unavailable: {}", secrets.prefix(), e.toString());
            return List.of();
        }
    }

    public String secretsPrefix() {
        return secrets.prefix();
    }

    /**
     * Stores the typed secret values under the names the form gives (before the profile: the API's check reads
     * them); the audit lines say a value was uploaded, never what it is.
     *
     * @throws AnalyticsSecrets.Refused a name outside the prefix, a key that is no service-account JSON
     */
    private List<AuditLog.Change> upload(ProfileForm form, SecretUploads uploads) {
        List<AuditLog.Change> out = new java.util.ArrayList<>();
        if (!uploads.uisToken().isBlank()) {
            secrets.store(form.uisTokenSecret(), AnalyticsSecrets.Kind.UIS_TOKEN, uploads.uisToken());
            out.add(new AuditLog.Change("secret " + form.uisTokenSecret(), null, "(загружен)"));
        }
        if (!uploads.googleKey().isBlank()) {
            secrets.store(form.googleSecret(), AnalyticsSecrets.Kind.GOOGLE_KEY, uploads.googleKey());
            out.add(new AuditLog.Change("secret " + form.googleSecret(), null, "(загружен)"));
        }
        return out;
    }

    public List<JsonNode> list(URI base) {
        return iterable(api.list(base).path("profiles"));
    }

    public JsonNode get(URI base, String profileId) {
        return api.get(base, profileId);
    }

    /** The created profile as stored. @throws AnalyticsApiClient.Failure the API's refusal */
    public JsonNode create(URI base, ProfileForm form, SecretUploads uploads, String actor) {
        List<AuditLog.Change> uploaded = upload(form, uploads);
        JsonNode stored;
        try {
            stored = api.create(base, form.toJson(null));
        } catch (AnalyticsApiClient.Failure e) {
            auditUploads(form.profileId(), actor, uploaded);
            throw e;
        }
        List<AuditLog.Change> changes = new java.util.ArrayList<>(AuditLog.changes(Map.of(), ProfileForm.flat(stored)));
        changes.addAll(uploaded);
        audit.record(KIND, stored.path("profileId").asText(), actor, "created", changes);
        return stored;
    }

    /**
     * Replaces the profile with the form (the version the form was read at, so a concurrent change is a 409),
     * keeping the fields the form does not show.
     */
    public JsonNode update(URI base, String profileId, ProfileForm form, SecretUploads uploads, String actor) {
        JsonNode before = api.get(base, profileId);
        List<AuditLog.Change> uploaded = upload(form, uploads);
        JsonNode stored;
        try {
            stored = api.update(base, profileId, form.toJson(before));
        } catch (AnalyticsApiClient.Failure e) {
            auditUploads(profileId, actor, uploaded);
            throw e;
        }
        List<AuditLog.Change> changes = new java.util.ArrayList<>(
                AuditLog.changes(ProfileForm.flat(before), ProfileForm.flat(stored)));
        changes.addAll(uploaded);
        // An update also resumes a stopped pull: worth a line even when no field changed.
        audit.record(KIND, profileId, actor, "updated", changes);
        return stored;
    }

    /** A secret stored for a profile the API then refused stays stored: the audit says so. */
    private void auditUploads(String profileId, String actor, List<AuditLog.Change> uploaded) {
        if (!uploaded.isEmpty() && profileId != null && !profileId.isBlank() && !profileId.contains("#")) {
            audit.record(KIND, profileId, actor, "secret uploaded (profile not saved)", uploaded);
        }
    }

    /** A failed call back to the analytics queue (the API's retry). */
    public JsonNode retry(URI base, String profileId, String callId, String actor) {
        JsonNode call = api.retry(base, profileId, callId);
        audit.record(KIND, profileId, actor, "call " + callId + " retried", List.of());
        return call;
    }

    /** The API's status of the profile: pull state (last pulled up to, stopped with reason) and calls by status. */
    public JsonNode status(URI base, String profileId) {
        return api.status(base, profileId);
    }

    /** Runs the profile's pull now; audited with what it did (calls seen and queued, why it stopped). */
    public JsonNode pull(URI base, String profileId, String actor) {
        JsonNode outcome = api.pull(base, profileId);
        String stopped = outcome.path("stoppedBy").asText("");
        audit.record(KIND, profileId, actor, "pulled now: " + outcome.path("seen").asInt() + " calls seen, "
                + outcome.path("queued").asInt() + " queued" + (stopped.isEmpty() ? "" : ", stopped by " + stopped),
                List.of());
        return outcome;
    }

    public List<JsonNode> calls(URI base, String profileId, String status) {
        return iterable(api.calls(base, profileId, status).path("calls"));
    }

    public List<AuditLog.Entry> history(String profileId) {
        return audit.history(KIND, profileId, HISTORY);
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
