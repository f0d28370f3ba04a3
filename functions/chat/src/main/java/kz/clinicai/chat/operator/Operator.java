package kz.clinicai.chat.operator;

import java.util.Objects;

/**
 * A person who answers visitors in Telegram.
 *
 * @param id        Telegram user id (equal to the id of the private chat with the bot)
 * @param available approved and present: gets offered chats
 */
public record Operator(long id, String name, OperatorStatus status, boolean available) {

    public Operator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    public boolean approved() {
        return status == OperatorStatus.APPROVED;
    }

    public boolean receivesOffers() {
        return approved() && available;
    }
}
