package kz.clinicai.analytics.profile;

/**
 * Checks, before a profile is stored, that what it names exists: the secrets can be read and the sheet opened.
 * Throws {@link kz.clinicai.shared.http.ApiException} 400 with what is wrong.
 */
@FunctionalInterface
public interface ProfileCheck {

    ProfileCheck NONE = profile -> {
    };

    void check(Profile profile);
}
