package kz.clinicai.voicebot.booking;

import kz.clinicai.shared.tools.ScriptedToolLoop;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.booking.UnknownAppointmentException;
import kz.clinicai.shared.booking.BookingLedger;

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
import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import kz.clinicai.shared.clinic.AccessDeniedException;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.WorkingHours;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.tools.LoopResult;
import kz.clinicai.shared.tools.ToolCall;
import kz.clinicai.shared.tools.ToolLoop;
import kz.clinicai.shared.booking.InMemoryBookingLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoicebotServiceTest extends VoicebotFixture {
    static ToolCall call(String name, String arguments) {
        return new ToolCall("call_" + name, name, arguments);
    }

    @Test
    void movesTheAppointmentToTheAskedFreeTime() {
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

        VoicebotService.Answer answer = service(model).answer(SLUG, CALLER, APPOINTMENT, "Перенесите на завтра в 10:30");

        assertThat(answer.outcome()).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(answer.today()).isEqualTo(LocalDate.of(2025, 1, 29));
        assertThat(infoClinica.reserves).singleElement().satisfies(r -> {
            assertThat(r.moveSchedId()).isEqualTo(APPOINTMENT);
            assertThat(r.patientCode()).isEqualTo(77L);
            assertThat(r.slot()).isEqualTo(slot("10:30"));
        });
        assertThat(sessions.find(SLUG, APPOINTMENT)).hasValueSatisfying(s -> {
            assertThat(s.currentSchedId()).isEqualTo(900_000L);
            assertThat(s.history()).hasSize(3);
        });
        // MSH.99 of every message about the appointment is its own filial, not the clinic's default branch.
        assertThat(infoClinica.filials).containsExactly("1", "2", "2");
    }

    @Test
    void theModelIsToldTodayInTheClinicsTimeZone() {
        var model = new ScriptedToolLoop(text -> List.of(call("confirm_appointment", "{}")));

        VoicebotService.Answer answer = service(model).answer(SLUG, CALLER, APPOINTMENT, "Да, приду");

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
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:00\"}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Завтра в десять").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.SlotTaken.class, t -> assertThat(t.alternatives())
                .containsExactly(slot("09:30"), slot("10:30"), slot("11:00")));
        assertThat(infoClinica.reserves).isEmpty();
        assertThat(ledger.keys()).isEmpty();
    }

    @Test
    void aReservationInfoClinicaRejectsYieldsAlternativesNotSuccess() {
        infoClinica.rejectReservations = true;
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.SlotTaken.class, t -> {
            assertThat(t.askedTime()).isEqualTo(LocalTime.of(10, 30));
            assertThat(t.alternatives()).containsExactly(slot("08:00"), slot("09:30"), slot("11:00"));
        });
        assertThat(infoClinica.reserves).hasSize(1);
        assertThat(ledger.keys()).as("a rejected claim is released for a later try").isEmpty();
    }

    @Test
    void aRepeatedIdenticalRequestDoesNotBookTwice() {
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));
        VoicebotService service = service(model);

        Outcome first = service.answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30").outcome();
        Outcome second = service.answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(first).isInstanceOf(Outcome.Booked.class);
        assertThat(second).isEqualTo(first);
        assertThat(infoClinica.reserves).hasSize(1);
    }

    @Test
    void movingAwayAndBackToASlotAsksInfoClinicaEveryTime() {
        var model = new ScriptedToolLoop(text -> List.of(call("book_time",
                "{\"date\":\"2025-01-30\",\"time\":\"" + text + "\"}")));
        VoicebotService service = service(model);

        Outcome x = service.answer(SLUG, CALLER, APPOINTMENT, "10:30").outcome();
        Outcome y = service.answer(SLUG, CALLER, APPOINTMENT, "11:00").outcome();
        Outcome xAgain = service.answer(SLUG, CALLER, APPOINTMENT, "10:30").outcome();

        assertThat(x).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(y).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(11, 0), "Иванова А.Б."));
        assertThat(xAgain).isEqualTo(x);
        assertThat(infoClinica.reserves).hasSize(3);
        long live = sessions.find(SLUG, APPOINTMENT).orElseThrow().currentSchedId();
        assertThat(infoClinica.appointments).containsOnlyKeys(live);
        assertThat(infoClinica.appointments.get(live).time()).isEqualTo(LocalTime.of(10, 30));
        assertThat(ledger.moveCount()).isEqualTo(3);
    }

    @Test
    void anIdenticalRequestInFlightIsWaitedForAndAnsweredLikeTheFirst() {
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));
        String key = SLUG + "#" + APPOINTMENT + "#" + APPOINTMENT + "#202501301030#0";
        // The first request holds the claim; it completes (InfoClinica moved the appointment) after two polls.
        ledger.claim(key, CLOCK.instant(), Duration.ZERO, CLOCK.instant());
        int[] polls = {0};
        InMemoryBookingLedger waiting = new InMemoryBookingLedger() {
            @Override
            public synchronized Claim claim(String k, java.time.Instant now, Duration stale, java.time.Instant exp) {
                if (k.equals(key) && ++polls[0] == 3) {
                    infoClinica.appointments.remove(APPOINTMENT);
                    infoClinica.appointments.put(700L, new Appointment(700, TOMORROW, LocalTime.of(10, 30),
                            LocalTime.of(11, 0), 5, 77L, "2", "Иванова А.Б.", "Клиника №2"));
                    ledger.complete(key, new Completed(700, TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."), exp);
                }
                return ledger.claim(k, now, stale, exp);
            }
        };
        VoicebotService service = new VoicebotService(slug -> java.util.Optional.of(clinic()),
                new ClinicAccess(limiter, CLOCK), sessions, waiting, assistants, c -> infoClinica, model,
                Clock.offset(CLOCK, Duration.ZERO), new VoicebotService.Settings(Duration.ofSeconds(25),
                Duration.ofHours(48), "gpt-test", "ИНСТРУКЦИИ"));

        Outcome outcome = service.answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(outcome).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(polls[0]).isEqualTo(3);
        assertThat(infoClinica.reserves).as("the retry does not reserve again").isEmpty();
        assertThat(sessions.find(SLUG, APPOINTMENT).orElseThrow().currentSchedId()).isEqualTo(700L);
    }

    @Test
    void aRequestThatReadTheSessionBeforeAMoveWasSavedFollowsTheMove() {
        var model = new ScriptedToolLoop(text -> List.of(call("confirm_appointment", "{}")));
        // A concurrent request moved 123456 to 700 at InfoClinica and has not saved the session yet.
        Appointment old = infoClinica.appointments.remove(APPOINTMENT);
        infoClinica.appointments.put(700L, new Appointment(700, TOMORROW, LocalTime.of(10, 30), LocalTime.of(11, 0),
                old.doctorCode(), old.patientCode(), old.filial(), old.doctorName(), old.filialName()));
        ledger.recordMove(SLUG, APPOINTMENT, 700, CLOCK.instant());

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "да").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.NoActionRequired.class,
                n -> assertThat(n.appointment().schedId()).isEqualTo(700));
    }

    @Test
    void aLedgerBookingInfoClinicaNoLongerHoldsIsNotAnsweredAsBooked() {
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));
        String key = SLUG + "#" + APPOINTMENT + "#" + APPOINTMENT + "#202501301030#0";
        infoClinica.appointments.put(700L, new Appointment(700, TOMORROW, LocalTime.of(12, 0), LocalTime.of(12, 30),
                5, 77L, "2", "Иванова А.Б.", null));
        ledger.complete(key, new kz.clinicai.shared.booking.BookingLedger.Completed(700, TOMORROW,
                LocalTime.of(10, 30), "Иванова А.Б."), CLOCK.instant());

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30").outcome();

        assertThat(outcome).isInstanceOf(Outcome.Failure.class);
        assertThat(infoClinica.reserves).isEmpty();
    }

    @Test
    void aMoveWhoseAnswerNamesNoNewIdKeepsTheAppointmentsId() {
        infoClinica.movesKeepId = true;
        var model = new ScriptedToolLoop(text -> text.contains("да")
                ? List.of(call("confirm_appointment", "{}"))
                : List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));
        VoicebotService service = service(model);

        service.answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30");
        Outcome next = service.answer(SLUG, CALLER, APPOINTMENT, "да, приду").outcome();

        assertThat(next).isInstanceOfSatisfying(Outcome.NoActionRequired.class,
                n -> assertThat(n.appointment().time()).isEqualTo(LocalTime.of(10, 30)));
    }

    @Test
    void withoutPcodeInSchedInfoThePatientCodeComesFromTheAppointmentsInterval() {
        Appointment noPcode = new Appointment(APPOINTMENT, TOMORROW, LocalTime.of(15, 0), LocalTime.of(15, 30), 5,
                null, "2", "Иванова А.Б.", null);
        infoClinica.appointments.put(APPOINTMENT, noPcode);
        infoClinica.busy.add(new kz.clinicai.shared.infoclinica.Interval(new Slot(TOMORROW, LocalTime.of(15, 0),
                LocalTime.of(15, 30), 4001, 5), 0, 77L));
        var model = new ScriptedToolLoop(text -> List.of(call("cancel_appointment", "{}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Отмените").outcome();

        assertThat(outcome).isInstanceOf(Outcome.Cancelled.class);
        assertThat(infoClinica.messages).containsExactly("SCHEDULE_INFO", "SCHEDULE", "SCHEDULE_REC_REMOVE");
    }

    @Test
    void aReferralRestrictionIsAnErrorMedElementWithTheServersText() {
        infoClinica.scheduleFailure = new kz.clinicai.shared.infoclinica.UnknownMedElementException(
                "Запись к врачу возможна только по направлению");
        var model = new ScriptedToolLoop(text -> List.of(call("find_free_times",
                "{\"date\":\"2025-01-30\",\"preferred_time\":null}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Когда можно завтра?").outcome();

        assertThat(outcome).isEqualTo(new Outcome.UnknownMedElement("Запись к врачу возможна только по направлению"));
    }

    @Test
    void aRefusedScheduleReadIsAnErrorNotNoFreeTime() {
        infoClinica.scheduleFailure = new kz.clinicai.shared.infoclinica.InfoClinicaRefusedException(
                "Расписание недоступно");
        var model = new ScriptedToolLoop(text -> List.of(call("find_free_times",
                "{\"date\":\"2025-01-30\",\"preferred_time\":null}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Когда можно завтра?").outcome();

        assertThat(outcome).isEqualTo(new Outcome.Failure("Расписание недоступно"));
    }

    @Test
    void anAlreadyCancelledAppointmentIsToldAsCancelled() {
        infoClinica.removal = new kz.clinicai.shared.infoclinica.Removal(
                kz.clinicai.shared.infoclinica.Removal.Kind.ALREADY_CANCELLED, "Запись пациента не найдена");
        var model = new ScriptedToolLoop(text -> List.of(call("cancel_appointment", "{}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Отмените").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Cancelled.class,
                c -> assertThat(c.message()).isEqualTo("Запись уже отменена"));
    }

    @Test
    void aRefusedCancellationCarriesTheServersReason() {
        infoClinica.removal = new kz.clinicai.shared.infoclinica.Removal(
                kz.clinicai.shared.infoclinica.Removal.Kind.REFUSED, "Отмена менее чем за 2 часа запрещена");
        var model = new ScriptedToolLoop(text -> List.of(call("cancel_appointment", "{}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Отмените").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.CancelFailed.class,
                c -> assertThat(c.reason()).isEqualTo("Отмена менее чем за 2 часа запрещена"));
        assertThat(ledger.keys()).isEmpty();
    }

    @Test
    void anAppointmentGoneBeforeTheMoveIsUnknown() {
        infoClinica.reserveFailure = new kz.clinicai.shared.infoclinica.AppointmentNotFoundException(APPOINTMENT,
                "Запись пациента не найдена");
        var model = new ScriptedToolLoop(text -> List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

        assertThatThrownBy(() -> service(model).answer(SLUG, CALLER, APPOINTMENT, "Завтра в 10:30"))
                .isInstanceOf(UnknownAppointmentException.class);
        assertThat(ledger.keys()).isEmpty();
    }

    @Test
    void aWrongCredentialAForeignSourceOrTooManyRequestsAreRefusedBeforeAnyRead() {
        var model = new ScriptedToolLoop(text -> List.of(call("confirm_appointment", "{}")));
        VoicebotService service = service(model);

        assertThatThrownBy(() -> service.answer(SLUG, new ClinicAccess.Caller("wrong", "10.1.2.3"), APPOINTMENT, "да"))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> service.answer(SLUG, new ClinicAccess.Caller(null, "10.1.2.3"), APPOINTMENT, "да"))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> service.answer(SLUG, new ClinicAccess.Caller(TOKEN, "192.0.2.7"), APPOINTMENT, "да"))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(service.answer(SLUG, new ClinicAccess.Caller(TOKEN, "2001:db8::5"), APPOINTMENT, "да").outcome())
                .isInstanceOf(Outcome.NoActionRequired.class);
        assertThat(infoClinica.messages).containsExactly("SCHEDULE_INFO");
    }

    @Test
    void enumeratingUnknownAppointmentsIsCutOffByTheSourceIpLimit() {
        var model = new ScriptedToolLoop(text -> List.of(call("confirm_appointment", "{}")));
        VoicebotService service = service(model);
        ClinicAccess.Caller prober = new ClinicAccess.Caller(TOKEN, "10.9.9.9");

        int unknown = 0;
        int throttled = 0;
        for (long id = 1; id <= 10; id++) {
            long appointment = id;
            try {
                service.answer(SLUG, prober, appointment, "да");
            } catch (UnknownAppointmentException e) {
                unknown++;
            } catch (AccessDeniedException e) {
                assertThat(e.status()).isEqualTo(429);
                throttled++;
            }
        }

        // 30 per minute per IP, an unknown appointment weighs 10: the fourth probe is refused before any read.
        assertThat(unknown).isEqualTo(3);
        assertThat(throttled).isEqualTo(7);
        assertThat(infoClinica.messages).hasSize(3);
    }

    @Test
    void theSecondOfferedTimeIsBookedAfterWhichTime() {
        var model = new ScriptedToolLoop(text -> text.contains("второе")
                ? List.of(call("choose_offered_time", "{\"option\":2}"))
                : List.of(call("find_free_times", "{\"date\":\"2025-01-30\",\"preferred_time\":\"10:00\"}")));
        VoicebotService service = service(model);

        Outcome offered = service.answer(SLUG, CALLER, APPOINTMENT, "А завтра утром есть время?").outcome();
        Outcome booked = service.answer(SLUG, CALLER, APPOINTMENT, "Давайте во второе").outcome();

        assertThat(offered).isInstanceOfSatisfying(Outcome.FreeTimes.class,
                f -> assertThat(f.offered()).containsExactly(slot("09:30"), slot("10:30"), slot("11:00")));
        assertThat(booked).isEqualTo(new Outcome.Booked(TOMORROW, LocalTime.of(10, 30), "Иванова А.Б."));
        assertThat(model.requests.get(1).history()).hasSize(3);
        assertThat(model.requests.get(1).instructions()).contains("Ранее предложенные варианты: 1) 2025-01-30 09:30; 2) 2025-01-30 10:30");
        // The offers stay: a retried "во второе" finds the appointment already there.
        assertThat(sessions.find(SLUG, APPOINTMENT).orElseThrow().offered()).hasSize(3);
    }

    @Test
    void choosingWithoutOffersLetsTheModelTryAgain() {
        var model = new ScriptedToolLoop(text -> List.of(call("choose_offered_time", "{\"option\":1}"),
                call("not_understood", "{}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Давайте первое").outcome();

        assertThat(outcome).isInstanceOf(Outcome.NotUnderstood.class);
        assertThat(infoClinica.reserves).isEmpty();
    }

    @Test
    void cancelsTheAppointment() {
        var model = new ScriptedToolLoop(text -> List.of(call("cancel_appointment", "{}")));

        Outcome outcome = service(model).answer(SLUG, CALLER, APPOINTMENT, "Отмените запись").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Cancelled.class, c -> {
            assertThat(c.appointment().schedId()).isEqualTo(APPOINTMENT);
            assertThat(c.message()).isEqualTo("Запись успешно удалена");
        });
        assertThat(infoClinica.cancels).containsExactly(APPOINTMENT);
    }

    @Test
    void outsideWorkingHoursIsNonWorkTime() {
        var model = new ScriptedToolLoop(text -> text.contains("воскресенье")
                ? List.of(call("find_free_times", "{\"date\":\"2025-02-02\",\"preferred_time\":null}"))
                : List.of(call("book_time", "{\"date\":\"2025-01-30\",\"time\":\"21:00\"}")));
        VoicebotService service = service(model);

        Outcome late = service.answer(SLUG, CALLER, APPOINTMENT, "Завтра в девять вечера").outcome();
        Outcome sunday = service.answer(SLUG, CALLER, APPOINTMENT, "А в воскресенье?").outcome();

        assertThat(late).isEqualTo(new Outcome.NonWorkTime(TOMORROW, LocalTime.of(21, 0)));
        assertThat(sunday).isEqualTo(new Outcome.NonWorkTime(LocalDate.of(2025, 2, 2), null));
        assertThat(infoClinica.reserves).isEmpty();
    }

    @Test
    void unknownClinicOrAppointmentWritesNothing() {
        var model = new ScriptedToolLoop(text -> List.of(call("confirm_appointment", "{}")));

        assertThatThrownBy(() -> service(model).answer("nope", CALLER, APPOINTMENT, "да"))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> service(model).answer(SLUG, CALLER, 42, "да"))
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

        Outcome outcome = service(stuck, Duration.ofMillis(300)).answer(SLUG, CALLER, APPOINTMENT, "Завтра").outcome();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.message()).isNotBlank());
        assertThat(sessions.saves).isZero();
    }
}
