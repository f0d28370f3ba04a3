package kz.clinicai.shared.infoclinica;

/** InfoClinica's answer to WEB_SCHEDULE_REC_REMOVE, with the server's own words. */
public record Removal(Kind kind, String message) {
    public enum Kind {
        /** SPRESULT 1. */
        REMOVED,
        /** SPRESULT 0 / -2 "Запись пациента не найдена": nothing to cancel any more. */
        ALREADY_CANCELLED,
        /** Any other refusal (e.g. a visit that may not be cancelled any more). */
        REFUSED
    }
}
