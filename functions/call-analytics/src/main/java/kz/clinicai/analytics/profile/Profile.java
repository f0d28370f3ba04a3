package kz.clinicai.analytics.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * An analytics profile: one UIS account, which of its calls count, the sheet the rows go to and the criteria the
 * calls are judged by. Stored in the profiles table, edited through the profiles API; secrets appear only by name.
 *
 * @param version   increases with every update (optimistic locking: an update names the version it read)
 * @param pullError set when the pull stopped for a reason only a person can fix (token, IP whitelist); cleared by
 *                  the next update of the profile
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(String profileId, String name, Boolean enabled, Uis uis, CallFilter calls, Sheet sheet,
                      Transcription transcription, List<Criterion> criteria, WriteBack writeBack, Long version,
                      String createdAt, String updatedAt, String pullError) {

    public Profile {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        calls = calls == null ? new CallFilter(null, null, null, null, null) : calls;
        transcription = transcription == null ? new Transcription(null, null) : transcription;
        writeBack = writeBack == null ? new WriteBack(null, null, null) : writeBack;
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public Profile withMeta(long version, String createdAt, String updatedAt, String pullError) {
        return new Profile(profileId, name, enabled, uis, calls, sheet, transcription, criteria, writeBack, version,
                createdAt, updatedAt, pullError);
    }

    public Profile withPullError(String error) {
        return new Profile(profileId, name, enabled, uis, calls, sheet, transcription, criteria, writeBack, version,
                createdAt, updatedAt, error);
    }

    /**
     * @param accessTokenSecret Secrets Manager secret whose {@code access_token} is the UIS Data API token
     * @param timeZone          the account's zone; when absent, read from {@code get.account}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Uis(String accessTokenSecret, String timeZone) {
        public Optional<String> zone() {
            return Optional.ofNullable(timeZone).filter(z -> !z.isBlank());
        }
    }

    /**
     * Which calls count. Empty lists mean all.
     *
     * @param directions     {@code in}, {@code out}
     * @param answeredOnly   lost (missed) calls are left out; otherwise they get a row with status "пропущен"
     * @param minTalkSeconds shorter calls are left out
     * @param employeeIds    only calls that reached one of these employees
     * @param virtualNumbers only calls on these UIS numbers (digits, as UIS writes them)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallFilter(List<String> directions, Boolean answeredOnly, Integer minTalkSeconds,
                             List<Long> employeeIds, List<String> virtualNumbers) {
        public CallFilter {
            directions = directions == null ? List.of() : List.copyOf(directions);
            employeeIds = employeeIds == null ? List.of() : List.copyOf(employeeIds);
            virtualNumbers = virtualNumbers == null ? List.of() : List.copyOf(virtualNumbers);
        }

        public boolean onlyAnswered() {
            return answeredOnly != null && answeredOnly;
        }

        public int minTalk() {
            return minTalkSeconds == null ? 0 : minTalkSeconds;
        }
    }

    /** @param serviceAccountSecret secret holding the Google service-account key JSON (whole, or in key {@code service_account_json}) */
    public record Sheet(String spreadsheetId, String sheetName, String serviceAccountSecret) {
    }

    /** @param languages ISO-639-1 hints ({@code ru}, {@code kk}); @param vocabulary names and terms for the prompt */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transcription(List<String> languages, List<String> vocabulary) {
        public Transcription {
            languages = languages == null ? List.of() : List.copyOf(languages);
            vocabulary = vocabulary == null ? List.of() : List.copyOf(vocabulary);
        }
    }

    /**
     * Write-back to UIS, off by default.
     *
     * @param comment     the summary as the call's comment
     * @param tagCriteria criterion keys whose value becomes a tag "title: value" on the call
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WriteBack(Boolean enabled, Boolean comment, List<String> tagCriteria) {
        public WriteBack {
            tagCriteria = tagCriteria == null ? List.of() : List.copyOf(tagCriteria);
        }

        public boolean on() {
            return enabled != null && enabled;
        }
    }
}
