package kz.clinicai.shared.infoclinica;

/**
 * One INTERVAL of a WEB_SCHEDULE answer.
 *
 * @param freeType    FREETYPE; only 1 is free time, any other value (0 booked, -6, 4, 6, …) is not bookable
 * @param patientCode PCODE of the patient booked there, when the server tells it
 */
public record Interval(Slot slot, int freeType, Long patientCode) {
    public boolean free() {
        return freeType == 1;
    }
}
