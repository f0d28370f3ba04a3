package kz.clinicai.calls.reminders;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What a reminder call says first, built from InfoClinica's facts (doctor, date, time, branch) and the name the clinic
 * gave: texts in the bundle {@code reminder} beside this class (Russian base, Kazakh {@code reminder_kk}); month
 * names from the JDK's CLDR data, "today"/"tomorrow" when the visit is then in the clinic's zone.
 */
final class ReminderPhrases {

    private static final ResourceBundle RU = bundle(Locale.ROOT);
    private static final ResourceBundle KK = bundle(Locale.forLanguageTag("kk"));

    private ReminderPhrases() {
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("kz.clinicai.calls.reminders.reminder", locale,
                ReminderPhrases.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static ResourceBundle bundle(String lang) {
        return "kk".equals(lang) ? KK : RU;
    }

    static String greeting(String lang, AppointmentFacts facts, String patientName, LocalDate today) {
        ResourceBundle b = "kk".equals(lang) ? KK : RU;
        Locale locale = Locale.forLanguageTag("kk".equals(lang) ? "kk" : "ru");
        String hello = patientName == null ? b.getString("hello")
                : MessageFormat.format(b.getString("hello_name"), patientName);
        String when = facts.date().equals(today) ? b.getString("today")
                : facts.date().equals(today.plusDays(1)) ? b.getString("tomorrow")
                : DateTimeFormatter.ofPattern("d MMMM", locale).format(facts.date());
        String branch = facts.branch() == null || facts.branch().isBlank() ? ""
                : MessageFormat.format(b.getString("branch"), facts.branch());
        String text = MessageFormat.format(b.getString("greeting"), hello,
                facts.doctor() == null ? "" : facts.doctor(), when,
                DateTimeFormatter.ofPattern("H:mm").format(facts.time()), branch, KazakhTime.locative(facts.time()));
        return text.replaceAll("\\s+", " ").trim();
    }
}
