package kz.clinicai.chat.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.clinicai.chat.operator.Operator;
import kz.clinicai.chat.operator.OperatorRepository;
import kz.clinicai.chat.operator.OperatorStatus;

public final class InMemoryOperatorRepository implements OperatorRepository {

    private final Map<Long, Operator> operators = new TreeMap<>();

    @Override
    public synchronized boolean register(Operator operator) {
        return operators.putIfAbsent(operator.id(), operator) == null;
    }

    @Override
    public synchronized Optional<Operator> find(long id) {
        return Optional.ofNullable(operators.get(id));
    }

    @Override
    public synchronized boolean setStatus(long id, OperatorStatus status) {
        Operator o = operators.get(id);
        if (o == null) {
            return false;
        }
        operators.put(id, new Operator(id, o.name(), status, status == OperatorStatus.APPROVED && o.available()));
        return true;
    }

    @Override
    public synchronized boolean setAvailable(long id, boolean available) {
        Operator o = operators.get(id);
        if (o == null || !o.approved()) {
            return false;
        }
        operators.put(id, new Operator(id, o.name(), o.status(), available));
        return true;
    }

    @Override
    public synchronized List<Operator> all() {
        return new ArrayList<>(operators.values());
    }
}
