package kz.clinicai.shared.clinic;

import java.util.List;

/**
 * The clinics table as the console manages it: the voicebot only reads ({@link ClinicRepository}, one GetItem per
 * request), the console lists, creates and replaces whole clinic items through the same mapping, so there is one
 * definition of what a clinic item holds.
 */
public interface ClinicStore extends ClinicRepository {

    /** Every clinic, by slug. */
    List<ClinicConfig> list();

    /** Stores a new clinic; false (nothing written) when the slug is taken. */
    boolean create(ClinicConfig clinic);

    /** Replaces an existing clinic; false (nothing written) when there is no clinic with that slug. */
    boolean replace(ClinicConfig clinic);
}
