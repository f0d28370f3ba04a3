package kz.clinicai.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.calls.CallsApiClient;
import kz.clinicai.console.calls.CallsSettingsService;
import kz.clinicai.console.calls.ReminderCsv;
import kz.clinicai.console.clinics.ClinicService;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * "Напоминания": a clinic's reminder lists of a day, with their counts and each entry's state, outcome and call (its
 * page has the transcript), and the upload of a list as CSV. Everything goes through the calls API with its own key
 * (the console keeps only a hash of each clinic's token); the API decides what a good entry is and names each
 * problem, shown here against the CSV's own line. Admins upload (it dials patients), editors read.
 */
@Controller
class RemindersController {

    private static final Logger LOG = LoggerFactory.getLogger(RemindersController.class);
    /** Lists of a day shown with their entries; beyond, only their counts (each one is a request to the API). */
    static final int DETAILED_LISTS = 10;
    /** The zone "tomorrow" is taken in when no clinic is chosen yet: the clinics' market. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Almaty");

    /** The page's words for the API's outcomes and states (an unknown one is shown as the API names it). */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("queued", "в очереди"), Map.entry("calling", "звонок"), Map.entry("gone", "записи нет"),
            Map.entry("not_on_day", "запись на другой день"), Map.entry("do_not_call", "не звонить"),
            Map.entry("infoclinica_refused", "отказ InfoClinica"), Map.entry("abandoned", "не записан"),
            Map.entry("confirmed", "подтвердил"), Map.entry("moved", "перенесена"), Map.entry("cancelled", "отменена"),
            Map.entry("callback", "перезвонить"), Map.entry("no_answer", "не ответил"),
            Map.entry("voicemail", "автоответчик"), Map.entry("wrong_number", "не тот номер"),
            Map.entry("transferred", "переведён на администратора"), Map.entry("no_decision", "без решения"),
            Map.entry("failed", "сбой звонка"));

    private final CallsSettingsService calls;
    private final ClinicService clinics;
    private final Clock clock;

    RemindersController(CallsSettingsService calls, ClinicService clinics, Clock clock) {
        this.calls = calls;
        this.clinics = clinics;
        this.clock = clock;
    }

    @GetMapping("/console/reminders")
    String page(@RequestParam(defaultValue = "") String clinic, @RequestParam(defaultValue = "") String day,
                @RequestParam(required = false) String msg, Model model, HttpServletResponse response) {
        Messages.flash(msg, model);
        List<ClinicConfig> known = known(model);
        Optional<ClinicConfig> chosen = clinic.isBlank() ? known.stream().findFirst()
                : known.stream().filter(c -> c.slug().equals(clinic)).findFirst();
        LocalDate date = tomorrow(chosen);
        if (!day.isBlank()) {
            try {
                date = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                response.setStatus(400);
                model.addAttribute("error", "День: дата в виде ГГГГ-ММ-ДД");
            }
        }
        model.addAttribute("clinic", chosen.map(ClinicConfig::slug).orElse(clinic));
        model.addAttribute("day", date.toString());
        if (!clinic.isBlank() && chosen.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("error", "Клиники «" + clinic + "» нет в консоли");
        } else if (chosen.isPresent() && response.getStatus() < 400) {
            showDay(chosen.get().slug(), date, model, response);
        }
        return "reminders";
    }

    /** The CSV form: {@code clinic}, {@code day}, {@code file} (multipart, with the form's CSRF field). */
    @PostMapping("/console/reminders/upload")
    String upload(@RequestParam(defaultValue = "") String clinic, @RequestParam(defaultValue = "") String day,
                  @RequestParam(required = false) MultipartFile file, Authentication auth, Model model,
                  HttpServletResponse response) {
        List<ClinicConfig> known = known(model);
        model.addAttribute("clinic", clinic);
        model.addAttribute("day", day);
        if (!PageModel.isAdmin(auth)) {
            response.setStatus(403);
            model.addAttribute("error", "Загружать списки напоминаний может только администратор");
            return "reminders";
        }
        List<String> problems = new ArrayList<>();
        if (known.stream().noneMatch(c -> c.slug().equals(clinic))) {
            problems.add("Клиника: выберите клинику из списка");
        }
        try {
            LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            problems.add("День: дата в виде ГГГГ-ММ-ДД");
        }
        ReminderCsv.Parsed csv = null;
        if (file == null || file.isEmpty()) {
            problems.add("Файл: выберите CSV-файл со списком (он пустой или не выбран)");
        } else if (file.getSize() > ReminderCsv.MAX_BYTES) {
            problems.add("Файл больше " + ReminderCsv.MAX_BYTES / 1024 / 1024 + " МБ: разделите список");
        } else {
            try {
                csv = ReminderCsv.parse(file.getBytes());
                csv.problems().forEach(p -> problems.add("Файл: " + p));
            } catch (IOException e) {
                problems.add("Файл не прочитан: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return refused(problems, 400, model, response);
        }
        try {
            JsonNode stored = calls.api().postReminders(csv.body(clinic, day.strip()));
            LOG.info("reminder list {} of {} for {} uploaded ({} entries)", stored.path("reminder_id").asText(),
                    clinic, day, stored.path("total").asInt());
            return "redirect:/console/reminders?clinic=" + URLEncoder.encode(clinic, StandardCharsets.UTF_8)
                    + "&day=" + URLEncoder.encode(day.strip(), StandardCharsets.UTF_8) + "&msg=reminders";
        } catch (CallsApiClient.Refused e) {
            return refused(problems(e, csv), e.status() == 413 ? 413 : 400, model, response);
        } catch (CallsApiClient.Unavailable e) {
            return refused(List.of("Не загружено: " + e.getMessage()), 502, model, response);
        }
    }

    private String refused(List<String> problems, int status, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("uploadProblems", problems);
        model.addAttribute("error", "Список не загружен, ничего не набрано: проблем " + problems.size());
        return "reminders";
    }

    /** Each problem the API named, against the CSV line of its entry (the header is line 1). */
    static List<String> problems(CallsApiClient.Refused e, ReminderCsv.Parsed csv) {
        List<String> out = new ArrayList<>();
        for (CallsApiClient.Problem p : e.problems()) {
            String where = p.entry() != null ? "Строка " + csv.lineOf(p.entry()) : "Список";
            String field = p.field() == null || p.field().isBlank() ? "" : " (" + p.field() + ")";
            out.add(where + field + ": " + p.message());
        }
        if (out.isEmpty()) {
            out.add(e.getMessage());
        }
        return out;
    }

    private void showDay(String clinic, LocalDate day, Model model, HttpServletResponse response) {
        try {
            JsonNode listing = calls.api().remindersOfDay(clinic, day.toString());
            List<Map<String, Object>> lists = new ArrayList<>();
            int detailed = 0;
            for (JsonNode summary : listing.path("lists")) {
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("id", summary.path("reminder_id").asText());
                list.put("createdAt", summary.path("created_at").asText());
                list.put("total", summary.path("total").asInt());
                list.put("counts", counts(summary.path("counts")));
                list.put("entries", null);
                list.put("states", null);
                if (detailed++ < DETAILED_LISTS) {
                    JsonNode full = calls.api().reminderList(summary.path("reminder_id").asText());
                    List<Map<String, Object>> entries = new ArrayList<>();
                    Map<String, Integer> states = new LinkedHashMap<>();
                    for (JsonNode e : full.path("entries")) {
                        entries.add(entry(e));
                        states.merge(e.path("state").asText(), 1, Integer::sum);
                    }
                    list.put("entries", entries);
                    list.put("states", states);
                }
                lists.add(list);
            }
            model.addAttribute("lists", lists);
        } catch (CallsApiClient.Refused e) {
            response.setStatus(e.status() == 404 ? 404 : 400);
            model.addAttribute("error", e.getMessage());
        } catch (CallsApiClient.Unavailable e) {
            LOG.warn("reminders page: calls API unavailable: {}", e.toString());
            response.setStatus(502);
            model.addAttribute("error", "API звонков не ответило: " + e.getMessage());
        }
    }

    private static Map<String, Integer> counts(JsonNode counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asInt()));
        return out;
    }

    /** One entry as the page shows it: the phone masked (the page is for outcomes, not for calling back). */
    static Map<String, Object> entry(JsonNode e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", e.path("index").asInt());
        v.put("appointmentId", e.path("appointment_id").asText());
        v.put("phone", PhoneMasking.mask(e.path("phone").asText()));
        v.put("language", e.path("language").asText());
        v.put("state", e.path("state").asText());
        v.put("outcome", e.path("outcome").asText());
        v.put("movedTo", e.path("moved_to").asText(""));
        v.put("note", e.path("note").asText(""));
        JsonNode a = e.path("appointment");
        v.put("appointment", a.isMissingNode() ? "" : String.join(", ", List.of(a.path("date").asText(""),
                a.path("time").asText(""), a.path("doctor").asText(""), a.path("branch").asText("")).stream()
                .filter(s -> !s.isBlank() && !s.equals("null")).toList()));
        JsonNode call = e.path("call");
        v.put("callId", call.path("call_id").asText(""));
        v.put("callStatus", call.isMissingNode() ? "" : call.path("status").asText("") + ", попыток "
                + call.path("attempts").asInt());
        return v;
    }

    private List<ClinicConfig> known(Model model) {
        List<ClinicConfig> list;
        try {
            list = clinics.list();
        } catch (RuntimeException e) {
            LOG.warn("reminders page: clinics unavailable: {}", e.toString());
            list = List.of();
            model.addAttribute("error", "Клиники не прочитаны");
        }
        model.addAttribute("clinics", list.stream().map(ClinicConfig::slug).toList());
        model.addAttribute("labels", LABELS);
        return list;
    }

    private LocalDate tomorrow(Optional<ClinicConfig> clinic) {
        return LocalDate.now(clock.withZone(clinic.map(ClinicConfig::timeZone).orElse(DEFAULT_ZONE))).plusDays(1);
    }
}
