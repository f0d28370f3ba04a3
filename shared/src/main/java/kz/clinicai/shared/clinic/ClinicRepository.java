package kz.clinicai.shared.clinic;

import java.util.Optional;

public interface ClinicRepository {
    Optional<ClinicConfig> find(String slug);
}
