package kz.clinicai.chat.operator;

import java.time.Instant;
import java.util.Optional;

/** Where each operator's board of waiting chats is: its Telegram message and what it shows. */
public interface BoardStore {

    /**
     * @param messageId  the board's message in the operator's Telegram chat; null while it is being created
     * @param text       what it shows
     * @param leaseUntil while creating: when another worker may take over
     */
    record Board(Long messageId, String text, Instant leaseUntil) {
    }

    Optional<Board> find(long operatorId);

    /** Claims the creation of a board; false if one exists or another worker's lease has not run out. */
    boolean startCreating(long operatorId, Instant leaseUntil, Instant now);

    void save(long operatorId, long messageId, String text, Instant now);

    void forget(long operatorId);
}
