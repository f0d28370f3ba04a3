package kz.clinicai.chat.operator;

import java.util.List;
import java.util.Optional;

/** The operator roster. */
public interface OperatorRepository {

    /** Adds a new person; false (and no change) if they are known already. */
    boolean register(Operator operator);

    Optional<Operator> find(long id);

    /** Sets the status (disabling also makes them unavailable); false if there is no such operator. */
    boolean setStatus(long id, OperatorStatus status);

    /** Marks an approved operator available or away; false if not approved. */
    boolean setAvailable(long id, boolean available);

    List<Operator> all();

    default List<Operator> available() {
        return all().stream().filter(Operator::receivesOffers).toList();
    }
}
