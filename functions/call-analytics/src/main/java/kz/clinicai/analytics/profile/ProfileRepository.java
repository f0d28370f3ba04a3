package kz.clinicai.analytics.profile;

import java.util.List;
import java.util.Optional;

/** Stored profiles. */
public interface ProfileRepository {

    /** @return false if a profile with this id exists (nothing written) */
    boolean create(Profile profile);

    Optional<Profile> find(String profileId);

    List<Profile> list();

    /** Replaces the profile if its stored version is still {@code expectedVersion}; false otherwise. */
    boolean update(Profile profile, long expectedVersion);

    /** Records (or clears, with null) why the pull of this profile stopped, without touching its version. */
    void setPullError(String profileId, String error);
}
