package kz.clinicai.shared.infoclinica;

/** A business refusal (SPRESULT other than 1) that is neither "taken" nor "not found" nor a restriction. */
public class InfoClinicaRefusedException extends InfoClinicaException {
    public InfoClinicaRefusedException(String message) {
        super(message);
    }
}
