package kz.clinicai.shared.openai;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Whether a model may still be chosen for a configuration, from the lifecycle columns of the model table
 * ({@link ModelCapabilities}) and, where known, what OpenAI's own {@code GET /v1/models} said last (the daily
 * lifecycle check): the earlier shutdown date wins, and a model OpenAI no longer lists counts as shut down. Every
 * saver of an assistant configuration (console form, console migration, the assistants REST API, the repository
 * itself) asks this one rule, so they cannot disagree; each words the answer for its own audience.
 */
public final class ModelLifecycle {

    /** A configuration whose model shuts down within this many days is refused at save. */
    public static final int REFUSE_WITHIN_DAYS = 30;

    /**
     * What is known of one model's end.
     *
     * @param daysLeft days from today to the shutdown date (0 on the day, negative after); Long.MAX_VALUE when none
     * @param unlisted OpenAI's model list (the last check) does not name it
     */
    public record Status(String model, Optional<LocalDate> shutdownDate, Optional<String> replacement, long daysLeft,
                         boolean unlisted) {

        public boolean shutDown() {
            return unlisted || daysLeft <= 0;
        }

        /** Refused at save: shut down, or shutting down within {@value ModelLifecycle#REFUSE_WITHIN_DAYS} days. */
        public boolean refused() {
            return shutDown() || daysLeft <= REFUSE_WITHIN_DAYS;
        }

        /** The reason in English (API callers). */
        public String englishReason() {
            String end = unlisted ? "is no longer offered by OpenAI (GET /v1/models does not list it)"
                    : daysLeft <= 0 ? "was shut down by OpenAI on " + shutdownDate.orElseThrow()
                    : "shuts down on " + shutdownDate.orElseThrow() + " (in " + daysLeft + " days; configurations "
                    + "whose model ends within " + REFUSE_WITHIN_DAYS + " days are refused)";
            return "Model '" + model + "' " + end + ". " + replacement.map(r -> "Use its replacement '" + r + "'.")
                    .orElse("OpenAI names no replacement: choose a current model.");
        }

        /** The reason in Russian (console users). */
        public String russianReason() {
            String end = unlisted ? "больше не предлагается OpenAI (его нет в GET /v1/models)"
                    : daysLeft <= 0 ? "отключена OpenAI " + shutdownDate.orElseThrow()
                    : "отключается " + shutdownDate.orElseThrow() + " (через " + russianDays(daysLeft) + "; модели, которые "
                    + "отключаются в ближайшие " + REFUSE_WITHIN_DAYS + " дней, сохранять нельзя)";
            return "Модель " + model + " " + end + ". " + replacement.map(r -> "Замена: " + r + ".")
                    .orElse("OpenAI не назвал замену: выберите действующую модель.");
        }
    }

    /** "1 день", "3 дня", "38 дней" — the console's words for a number of days. */
    public static String russianDays(long n) {
        long mod100 = Math.abs(n) % 100;
        long mod10 = mod100 % 10;
        String word = mod100 >= 11 && mod100 <= 14 ? "дней" : mod10 == 1 ? "день" : mod10 >= 2 && mod10 <= 4 ? "дня"
                : "дней";
        return n + " " + word;
    }

    private final ModelCapabilities table;

    public ModelLifecycle(ModelCapabilities table) {
        this.table = table;
    }

    public static ModelLifecycle standard() {
        return new ModelLifecycle(ModelCapabilities.standard());
    }

    /** What the table alone says. */
    public Status status(String model, LocalDate today) {
        return status(model, today, Optional.empty(), false);
    }

    /**
     * What the table and the live source say together.
     *
     * @param learnedShutdown the {@code shutdown_date} OpenAI's model list gave for the model, if any
     * @param unlisted true when OpenAI's model list (read after the model was in use) does not name it
     */
    public Status status(String model, LocalDate today, Optional<LocalDate> learnedShutdown, boolean unlisted) {
        Optional<LocalDate> fromTable = table.shutdownDate(model);
        Optional<LocalDate> date = fromTable.isEmpty() ? learnedShutdown : learnedShutdown.isEmpty() ? fromTable
                : Optional.of(fromTable.get().isBefore(learnedShutdown.get()) ? fromTable.get() : learnedShutdown.get());
        long days = date.map(d -> ChronoUnit.DAYS.between(today, d)).orElse(Long.MAX_VALUE);
        return new Status(model, date, table.replacement(model), days, unlisted);
    }

    /** Empty when the model may be saved; otherwise why not. */
    public Optional<Status> refusal(String model, LocalDate today) {
        return Optional.of(status(model, today)).filter(Status::refused);
    }
}
