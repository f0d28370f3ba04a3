package kz.clinicai.calls.reminders;

import java.util.List;

/** A list refused as a whole (400 with every problem named); nothing was stored or dialled. */
public final class InvalidReminderListException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidReminderListException(List<Problem> problems) {
        super(problems.size() + " problem(s) in the reminder list", null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
