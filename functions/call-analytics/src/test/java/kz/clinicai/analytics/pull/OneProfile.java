package kz.clinicai.analytics.pull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;

/** A profile repository holding the test's profile; the pull only reads it. */
final class OneProfile implements ProfileRepository {
    private final Map<String, Profile> profiles = new HashMap<>();

    OneProfile(Profile p) {
        profiles.put(p.profileId(), p);
    }

    @Override
    public boolean create(Profile profile) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Profile> find(String profileId) {
        return Optional.ofNullable(profiles.get(profileId));
    }

    @Override
    public List<Profile> list() {
        return List.copyOf(profiles.values());
    }

    @Override
    public boolean update(Profile profile, long expectedVersion) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setPullError(String profileId, String error) {
        throw new AssertionError("the pull stopped the profile: " + error);
    }
}
