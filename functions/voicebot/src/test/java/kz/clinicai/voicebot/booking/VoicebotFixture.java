package kz.clinicai.voicebot.booking;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.tools.ScriptedToolLoop;
import kz.clinicai.shared.assistant.InMemoryAssistantRepository;
import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.WorkingHours;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.InMemoryInfoClinica;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.tools.ToolLoop;
import kz.clinicai.shared.booking.InMemoryBookingLedger;
import kz.clinicai.voicebot.session.InMemorySessionRepository;
import org.junit.jupiter.api.BeforeEach;

/**
 * The voicebot's world for a test: a clinic on Almaty time on Wednesday 29 January 2025, one appointment, free
 * times tomorrow, in-memory stores and InfoClinica. Public so the handler's test (another package) builds the
 * same service.
 */
public class VoicebotFixture {
    public static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    // Wednesday 29 January 2025, 09:00 at the clinic.
    public static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2025, 1, 29, 9, 0, 0, 0, ALMATY).toInstant(), ALMATY);
    public static final LocalDate TOMORROW = LocalDate.of(2025, 1, 30);
    public static final long APPOINTMENT = 123456;
    public static final String SLUG = "infoclinica-clinic";
    public static final String TOKEN = "acs-secret-token";
    public static final ClinicAccess.Caller CALLER = new ClinicAccess.Caller(TOKEN, "10.1.2.3");

    public InMemoryInfoClinica infoClinica;
    public InMemorySessionRepository sessions;
    public InMemoryBookingLedger ledger;
    public InMemoryAssistantRepository assistants;
    public InMemoryRateLimiter limiter;

    @BeforeEach
    public void setUp() {
        infoClinica = new InMemoryInfoClinica();
        infoClinica.appointments.put(APPOINTMENT,
                new Appointment(APPOINTMENT, LocalDate.of(2025, 1, 31), LocalTime.of(15, 0), LocalTime.of(15, 30), 5,
                        77L, "2", "Иванова А.Б.", "Клиника №2"));
        infoClinica.free.put(TOMORROW, new ArrayList<>(List.of(slot("08:00"), slot("09:30"), slot("10:30"),
                slot("11:00"), slot("16:00"))));
        sessions = new InMemorySessionRepository(CLOCK);
        ledger = new InMemoryBookingLedger();
        assistants = new InMemoryAssistantRepository();
        limiter = new InMemoryRateLimiter();
    }

    public static Slot slot(String start) {
        LocalTime t = LocalTime.parse(start);
        return new Slot(TOMORROW, t, t.plusMinutes(30), 4001, 5);
    }

    public static ClinicConfig clinic() {
        Map<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY)) {
            hours.put(d, WorkingHours.parse("08:00-20:00"));
        }
        return new ClinicConfig(SLUG, URI.create("https://infoclinica.example/api"), null, "1", ALMATY, hours, null,
                null, new AccessPolicy(ClinicAccess.sha256(TOKEN), List.of("10.0.0.0/8", "2001:db8::/32"), 50, 30));
    }

    public VoicebotService service(ToolLoop model, Duration budget) {
        return new VoicebotService(slug -> slug.equals(SLUG) ? java.util.Optional.of(clinic()) : java.util.Optional.empty(),
                new ClinicAccess(limiter, CLOCK), sessions, ledger, assistants, c -> infoClinica, model, CLOCK,
                new VoicebotService.Settings(budget, Duration.ofHours(48), "gpt-test", "ИНСТРУКЦИИ"));
    }

    public VoicebotService service(ScriptedToolLoop model) {
        return service(model, Duration.ofSeconds(25));
    }
}
