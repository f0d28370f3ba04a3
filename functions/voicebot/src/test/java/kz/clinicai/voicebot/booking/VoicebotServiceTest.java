package kz.clinicai.voicebot.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CountDownLatch;
import kz.clinicai.voicebot.clinic.ClinicConfig;
import kz.clinicai.voicebot.clinic.WorkingHours;
import kz.clinicai.voicebot.infoclinica.Appointment;
import kz.clinicai.voicebot.infoclinica.Slot;
import kz.clinicai.voicebot.llm.LoopResult;
import kz.clinicai.voicebot.llm.ToolCall;
import kz.clinicai.voicebot.llm.ToolLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoicebotServiceTest {
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    // Wednesday 29 January 2025, 09:00 at the clinic.
    static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2025, 1, 29, 9, 0, 0, 0, ALMATY).toInstant(), ALMATY);
    static final LocalDate TOMORROW = LocalDate.of(2025, 1, 30);
    static final long APPOINTMENT = 123456;
    static final String SLUG = "infoclinica-clinic";

    Fakes.InfoClinica infoClinica;
    Fakes.Sessions sessions;
    Fakes.Ledger ledger;
    Fakes.Assistants assistants;

    @BeforeEach
    void setUp() {
        infoClinica = new Fakes.InfoClinica();
        infoClinica.appointments.put(APPOINTMENT,
                new Appointment(APPOINTMENT, LocalDate.of(2025, 1, 31), LocalTime.of(15, 0), 5, 77, "Иванова А.Б.", null));
        infoClinica.free.put(TOMORROW, new ArrayList<>(List.of(slot("08:00"), slot("09:30"), slot("10:30"),
                slot("11:00"), slot("16:00"))));
        sessions = new Fakes.Sessions();
        ledger = new Fakes.Ledger();
        assistants = new Fakes.Assistants();
    }

    static Slot slot(String start) {
        LocalTime t = LocalTime.parse(start);
        return new Slot(TOMORROW, t, t.plusMinutes(30), 4001, 5);
    }

    static ClinicConfig clinic() {
        Map<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY)) {
            hours.put(d, WorkingHours.parse("08:00-20:00"));
        }
        return new ClinicConfig(SLUG, URI.create("https://infoclinica.example/api"), null, "1", ALMATY, hours, null);
    }

    VoicebotService service(ToolLoop model, Duration budget) {
        return new VoicebotService(slug -> slug.equals(SLUG) ? java.util.Optional.of(clinic()) : java.util.Optional.empty(),
                sessions, ledger, assistants, c -> infoClinica, model, CLOCK,
                new VoicebotService.Settings(budget, Duration.ofHours(48), "gpt-test", "ИНСТРУКЦИИ"));
    }

    VoicebotService service(Fakes.ScriptedModel model) {
        return service(model, Duration.ofSeconds(25));
    }

    static ToolCall call(String name, String arguments) {
        return new ToolCall("call_" + name, name, arguments);
    }

    @Test
    void movesTheAppointmentToTheAskedFreeTime() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

        VoicebotService.Answer answer = service(model).answer(SLUG, APPOINTMENT, "Перенесите на завтра в 10:30");

        assertThat(answer.outcome()).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(answer.today()).isEqualTo(LocalDate.of(2025, 1, 29));
        assertThat(infoClinica.reserves).singleElement().satisfies(r -> {
            assertThat(r.moveSchedId()).isEqualTo(APPOINTMENT);
            assertThat(r.patientCode()).isEqualTo(77);
            assertThat(r.slot()).isEqualTo(slot("10:30"));
        });
        assertThat(sessions.find(SLUG, APPOINTMENT)).hasValueSatisfying(s -> {
            assertThat(s.currentSchedId()).isEqualTo(900_000L);
            assertThat(s.history()).hasSize(3);
        });
    }

    @Test
    void theModelIsToldTodayInTheClinicsTimeZone() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("confirm_appointment", "{}")));

        VoicebotService.Answer answer = service(model).answer(SLUG, APPOINTMENT, "Да, приду");

        assertThat(answer.outcome()).isInstanceOf(Outcome.NoActionRequired.class);
        assertThat(model.requests.getFirst().instructions())
                .startsWith("ИНСТРУКЦИИ")
                .contains("Сегодня: 2025-01-29, Среда\n")
                .contains("воскресенье выходной")
                .contains("Текущая запись пациента: 2025-01-31 15:00, врач: Иванова А.Б.");
        assertThat(model.requests.getFirst().model()).isEqualTo("gpt-test");
    }

    @Test
    void aTakenTimeYieldsTheThreeNearestAlternatives() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:00\"}")));

        Outcome outcome = service(model).answer(SLUG, APPOINTMENT, "Завтра в десять").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.SlotTaken.class, t -> assertThat(t.alternatives())
                .containsExactly(slot("09:30"), slot("10:30"), slot("11:00")));
        assertThat(infoClinica.reserves).isEmpty();
        assertThat(ledger.entries).isEmpty();
    }

    @Test
    void aReservationInfoClinicaRejectsYieldsAlternativesNotSuccess() {
        infoClinica.rejectReservations = true;
        var model = new Fakes.ScriptedModel(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

        Outcome outcome = service(model).answer(SLUG, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.SlotTaken.class, t -> {
            assertThat(t.askedTime()).isEqualTo(LocalTime.of(10, 30));
            assertThat(t.alternatives()).containsExactly(slot("08:00"), slot("09:30"), slot("11:00"));
        });
        assertThat(infoClinica.reserves).hasSize(1);
        assertThat(ledger.entries).as("a rejected claim is released for a later try").isEmpty();
    }

    @Test
    void aRepeatedIdenticalRequestDoesNotBookTwice() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));
        VoicebotService service = service(model);

        Outcome first = service.answer(SLUG, APPOINTMENT, "Завтра в 10:30").outcome();
        Outcome second = service.answer(SLUG, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(first).isInstanceOf(Outcome.Booked.class);
        assertThat(second).isEqualTo(first);
        assertThat(infoClinica.reserves).hasSize(1);
    }

    @Test
    void aRetryWhoseSessionWasLostIsAnsweredFromTheLedger() {
        sessions.forgetful = true;
        // InfoClinica still reports the old SCHEDID at the old time (a move that keeps the id).
        var model = new Fakes.ScriptedModel(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));
        VoicebotService service = service(model);

        service.answer(SLUG, APPOINTMENT, "Завтра в 10:30");
        Outcome retry = service.answer(SLUG, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(retry).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(infoClinica.reserves).hasSize(1);
    }

    @Test
    void theSecondOfferedTimeIsBookedAfterWhichTime() {
        var model = new Fakes.ScriptedModel(text -> text.contains("второе")
                ? List.of(call("choose_offered_time", "{\"option\":2}"))
                : List.of(call("find_free_times", "{\"date\":\"2025-01-30\",\"preferred_time\":\"10:00\"}")));
        VoicebotService service = service(model);

        Outcome offered = service.answer(SLUG, APPOINTMENT, "А завтра утром есть время?").outcome();
        Outcome booked = service.answer(SLUG, APPOINTMENT, "Давайте во второе").outcome();

        assertThat(offered).isInstanceOfSatisfying(Outcome.FreeTimes.class,
                f -> assertThat(f.offered()).containsExactly(slot("09:30"), slot("10:30"), slot("11:00")));
        assertThat(booked).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(model.requests.get(1).history()).hasSize(3);
        assertThat(model.requests.get(1).instructions()).contains("Ранее предложенные варианты: 1) 2025-01-30 09:30; 2) 2025-01-30 10:30");
        assertThat(sessions.find(SLUG, APPOINTMENT).orElseThrow().offered()).isEmpty();
    }

    @Test
    void choosingWithoutOffersLetsTheModelTryAgain() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("choose_offered_time", "{\"option\":1}"),
                call("not_understood", "{}")));

        Outcome outcome = service(model).answer(SLUG, APPOINTMENT, "Давайте первое").outcome();

        assertThat(outcome).isInstanceOf(Outcome.NotUnderstood.class);
        assertThat(infoClinica.reserves).isEmpty();
    }

    @Test
    void cancelsTheAppointment() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("cancel_appointment", "{}")));

        Outcome outcome = service(model).answer(SLUG, APPOINTMENT, "Отмените запись").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Cancelled.class,
                c -> assertThat(c.appointment().schedId()).isEqualTo(APPOINTMENT));
        assertThat(infoClinica.cancels).containsExactly(APPOINTMENT);
    }

    @Test
    void outsideWorkingHoursIsNonWorkTime() {
        var model = new Fakes.ScriptedModel(text -> text.contains("воскресенье")
                ? List.of(call("find_free_times", "{\"date\":\"2025-02-02\",\"preferred_time\":null}"))
                : List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"21:00\"}")));
        VoicebotService service = service(model);

        Outcome late = service.answer(SLUG, APPOINTMENT, "Завтра в девять вечера").outcome();
        Outcome sunday = service.answer(SLUG, APPOINTMENT, "А в воскресенье?").outcome();

        assertThat(late).isEqualTo(new Outcome.NonWorkTime(TOMORROW, LocalTime.of(21, 0)));
        assertThat(sunday).isEqualTo(new Outcome.NonWorkTime(LocalDate.of(2025, 2, 2), null));
        assertThat(infoClinica.reserves).isEmpty();
    }

    @Test
    void unknownClinicOrAppointmentWritesNothing() {
        var model = new Fakes.ScriptedModel(text -> List.of(call("confirm_appointment", "{}")));

        assertThatThrownBy(() -> service(model).answer("nope", APPOINTMENT, "да"))
                .isInstanceOf(UnknownClinicException.class);
        assertThatThrownBy(() -> service(model).answer(SLUG, 42, "да"))
                .isInstanceOf(UnknownAppointmentException.class);
        assertThat(sessions.saves).isZero();
        assertThat(model.requests).isEmpty();
    }

    @Test
    void aModelSlowerThanTheBudgetYieldsAnErrorInTime() {
        CountDownLatch never = new CountDownLatch(1);
        ToolLoop stuck = (request, tools, deadline) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new LoopResult(new Outcome.NotUnderstood(), List.of());
        };

        Outcome outcome = service(stuck, Duration.ofMillis(300)).answer(SLUG, APPOINTMENT, "Завтра").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.message()).isNotBlank());
        assertThat(sessions.saves).isZero();
    }
}
