package kz.clinicai.voicebot.booking;

public class UnknownClinicException extends RuntimeException {
    public UnknownClinicException(String slug) {
        super("Unknown clinic " + slug);
    }
}
