package kz.clinicai.shared.http;

/** Placeholder until the shared-lib branch lands (same API): the JSON error body. */
public record ApiError(String error, String message) {
}
