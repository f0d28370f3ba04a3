package kz.clinicai.shared.infoclinica;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SPRESULT + SPCOMMENT (+ CHECKDATA{CHECKCODE,CHECKLABEL,CHECKTEXT}) of an InfoClinica answer, and the one place
 * where they are read as a verdict. Real servers answer business refusals with HTTP 200 and MSA.1 AA: SPRESULT 1 ok;
 * 0 refused (the time is taken, nothing found, a restriction); -2 the appointment is not found; -99 a malformed
 * request. CHECKCODE 2 marks a restriction ("Время занято", "Требуется направление").
 *
 * @param spResult null when the answer carries no SPRESULT
 */
record BusinessResult(Integer spResult, String comment, Integer checkCode, String checkLabel, String checkText) {

    enum Verdict {
        OK,
        /** The time is taken: offer other times. */
        TAKEN,
        /** The appointment (or record) does not exist (any more). */
        NOT_FOUND,
        /** The doctor / service cannot be booked this way (referral required, unknown doctor): error_med_element. */
        RESTRICTED,
        /** Any other refusal: an error with the server's words. */
        REFUSED
    }

    Verdict verdict() {
        if (spResult != null && spResult == 1) {
            return Verdict.OK;
        }
        String all = Stream.of(comment, checkLabel, checkText).filter(s -> s != null && !s.isBlank())
                .collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);
        if (spResult != null && spResult == -99) {
            // A request the server could not read ("Начало блока … не найдено"): not about the appointment.
            return Verdict.REFUSED;
        }
        if (looksLikeUnknownDoctor(all)) {
            return Verdict.RESTRICTED;
        }
        if (all.contains("занят")) {
            return Verdict.TAKEN;
        }
        if ((spResult != null && spResult == -2) || all.contains("не найден") || all.contains("уже отменен")) {
            return Verdict.NOT_FOUND;
        }
        if (checkCode != null && checkCode == 2) {
            return Verdict.RESTRICTED;
        }
        return Verdict.REFUSED;
    }

    /** A restriction flagged on an otherwise successful answer (e.g. a schedule whose times need a referral). */
    boolean restricted() {
        return checkCode != null && checkCode == 2;
    }

    /** What the patient may hear: the server's explanation, most specific first. */
    String message() {
        return Optional.ofNullable(blankToNull(checkText)).or(() -> Optional.ofNullable(blankToNull(comment)))
                .or(() -> Optional.ofNullable(blankToNull(checkLabel)))
                .orElse("Медицинская система отказала (SPRESULT " + spResult + ")");
    }

    static boolean looksLikeUnknownDoctor(String lowerCase) {
        return lowerCase.contains("медэлемент") || lowerCase.contains("мед. элемент")
                || lowerCase.contains("медицинский элемент") || lowerCase.contains("med_element")
                || lowerCase.contains("medelement") || lowerCase.contains("врач не найден")
                || (lowerCase.contains("врач") && lowerCase.contains("не найден"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
