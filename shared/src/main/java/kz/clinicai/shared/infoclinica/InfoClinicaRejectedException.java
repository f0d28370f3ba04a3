package kz.clinicai.shared.infoclinica;

/** InfoClinica answered with an application error (MSA.1 other than AA, or an ERR segment). */
public class InfoClinicaRejectedException extends InfoClinicaException {
    public InfoClinicaRejectedException(String message) {
        super(message);
    }
}
