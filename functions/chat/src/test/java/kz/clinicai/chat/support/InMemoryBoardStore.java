package kz.clinicai.chat.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.operator.BoardStore;

/** BoardStore with the DynamoDB implementation's semantics (BoardStoreContract); each write is one atomic step. */
public final class InMemoryBoardStore implements BoardStore {

    private final Map<Long, Board> boards = new HashMap<>();

    @Override
    public synchronized Optional<Board> find(long operatorId) {
        return Optional.ofNullable(boards.get(operatorId));
    }

    @Override
    public synchronized boolean startCreating(long operatorId, Instant leaseUntil, Instant now) {
        Board board = boards.get(operatorId);
        // Taken over only once the creator's lease has run out (strictly before now), as the table's condition says.
        if (board != null && (board.messageId() != null || !board.leaseUntil().isBefore(now))) {
            return false;
        }
        boards.put(operatorId, new Board(null, "", leaseUntil));
        return true;
    }

    @Override
    public synchronized void save(long operatorId, long messageId, String text, Instant now) {
        boards.put(operatorId, new Board(messageId, text, now));
    }

    @Override
    public synchronized void forget(long operatorId) {
        boards.remove(operatorId);
    }
}
