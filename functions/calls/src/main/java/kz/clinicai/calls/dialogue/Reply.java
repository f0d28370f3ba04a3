package kz.clinicai.calls.dialogue;

/** What the scenario does after a turn: say {@code text}, then continue listening, transfer or hang up. */
public record Reply(String text, Action action, String note) {

    public enum Action {
        CONTINUE, TRANSFER, HANGUP;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
