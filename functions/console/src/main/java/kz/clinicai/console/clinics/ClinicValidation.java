package kz.clinicai.console.clinics;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.InfoClinicaOptions;
import kz.clinicai.shared.clinic.SourceAddresses;
import kz.clinicai.shared.clinic.WorkingHours;

/**
 * The clinic form checked field by field (one message per problem, keyed by the form field) and turned into the
 * voicebot's own {@link ClinicConfig}: the shared types decide what a value means (WorkingHours, ZoneId,
 * InfoClinicaOptions, SourceAddresses), the form only says in Russian which field is wrong.
 */
final class ClinicValidation {

    /** Lower-case letters, digits and inner hyphens: the slug is a path segment of ACS's URL and a secret's name. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern BRANCH = Pattern.compile("[0-9]{1,9}");
    static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?");
    static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    static final int MAX_SOURCE_RANGES = 50;

    static final Map<DayOfWeek, String> DAY_NAMES = dayNames();

    private ClinicValidation() {
    }

    /** The result: a config when {@code errors} is empty. */
    record Result(ClinicConfig config, Map<String, String> errors) {
    }

    /**
     * @param slug                 the slug of an existing clinic (edit; the form's slug is ignored), or null (new)
     * @param certificateSecretId  the clinic's certificate secret as it stands (null: none yet)
     * @param tokenSha256          the clinic's ACS token hash as it stands (never changed by the form)
     * @param assistants           names the assistant may be picked from
     */
    static Result check(ClinicForm form, String slug, String certificateSecretId, String tokenSha256,
                        Collection<String> assistants) {
        Map<String, String> errors = new LinkedHashMap<>();
        String theSlug = slug != null ? slug : form.getSlug();
        if (slug == null && !SLUG.matcher(theSlug).matches()) {
            errors.put("slug", "Код клиники: латинские строчные буквы, цифры и дефис (не в начале и не в конце),"
                    + " до 63 символов");
        }
        URI url = null;
        try {
            url = new URI(form.getInfoClinicaUrl());
            if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null
                    || url.getRawQuery() != null || url.getRawFragment() != null) {
                errors.put("infoClinicaUrl", "Адрес InfoClinica: https://хост[:порт]/путь, без логина, запроса и #");
                url = null;
            }
        } catch (URISyntaxException e) {
            errors.put("infoClinicaUrl", "Адрес InfoClinica не разобран: " + e.getReason());
        }
        if (!BRANCH.matcher(form.getBranchId()).matches()) {
            errors.put("branchId", "Филиал (MSH.99): номер филиала в InfoClinica, только цифры");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(form.getTimeZone());
            if (!form.getTimeZone().contains("/")) {
                // "UTC+5" parses but follows no local rule; clinics live in a region (Asia/Almaty).
                errors.put("timeZone", "Часовой пояс: регион IANA, например Asia/Almaty");
                zone = null;
            }
        } catch (DateTimeException e) {
            errors.put("timeZone", "Неизвестный часовой пояс «" + form.getTimeZone() + "» (пример: Asia/Almaty)");
        }
        Map<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            ClinicForm.Day day = form.day(d);
            String field = "hours." + d.name();
            if (!day.isWorks()) {
                if (!day.getOpen().isEmpty() || !day.getClose().isEmpty()) {
                    errors.put(field, DAY_NAMES.get(d) + ": время указано, но день не отмечен рабочим");
                }
                continue;
            }
            if (!TIME.matcher(day.getOpen()).matches() || !TIME.matcher(day.getClose()).matches()) {
                errors.put(field, DAY_NAMES.get(d) + ": время начала и конца в виде ЧЧ:ММ, например 08:00 и 20:00");
                continue;
            }
            try {
                hours.put(d, new WorkingHours(LocalTime.parse(day.getOpen()), LocalTime.parse(day.getClose())));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.put(field, DAY_NAMES.get(d) + ": начало должно быть раньше конца");
            }
        }
        if (hours.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith("hours."))) {
            errors.put("hours", "Отметьте хотя бы один рабочий день");
        }
        int onlineType = switch (form.getOnlineType()) {
            case "0" -> 0;
            case "1" -> 1;
            default -> {
                errors.put("onlineType", "ONLINETYPE: 0 (приём в клинике) или 1 (телемедицина)");
                yield 0;
            }
        };
        String forwardedHost = form.getForwardedHost().isEmpty() ? null : form.getForwardedHost();
        if (forwardedHost != null && !HOST.matcher(forwardedHost).matches()) {
            errors.put("forwardedHost", "X-Forwarded-Host: имя хоста клиники (например clinic.infoclinica.ru), без https://");
        }
        List<String> ranges = new ArrayList<>();
        for (String part : form.getAllowedSourceIps().split("[,\\s]+")) {
            if (!part.isBlank()) {
                ranges.add(part.strip());
            }
        }
        List<String> bad = ranges.stream().filter(r -> !SourceAddresses.valid(r)).toList();
        if (!bad.isEmpty()) {
            errors.put("allowedSourceIps", "Не IP-адрес и не диапазон CIDR: " + String.join(", ", bad));
        } else if (ranges.size() > MAX_SOURCE_RANGES) {
            errors.put("allowedSourceIps", "Не больше " + MAX_SOURCE_RANGES + " адресов и диапазонов");
        }
        int perMinute = number(form.getPerMinute(), "perMinute", 1, 100_000, "Запросов в минуту на клинику", errors);
        int perMinutePerIp = number(form.getPerMinutePerIp(), "perMinutePerIp", 1, 100_000,
                "Запросов в минуту с одного IP", errors);
        int connectMs = number(form.getConnectTimeoutMs(), "connectTimeoutMs", 100, 10_000,
                "Таймаут соединения, мс", errors);
        int requestMs = number(form.getRequestTimeoutMs(), "requestTimeoutMs", 100, 25_000,
                "Таймаут запроса, мс", errors);
        String assistant = form.getAssistantName().isEmpty() ? null : form.getAssistantName();
        if (assistant != null && !assistants.contains(assistant)) {
            errors.put("assistantName", "Нет ассистента «" + assistant + "»: выберите из списка");
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        ClinicConfig config = new ClinicConfig(theSlug, url, certificateSecretId, form.getBranchId(), zone, hours,
                assistant, new InfoClinicaOptions(forwardedHost, onlineType,
                        connectMs == 0 ? null : Duration.ofMillis(connectMs),
                        requestMs == 0 ? null : Duration.ofMillis(requestMs)),
                new AccessPolicy(tokenSha256, ranges, perMinute, perMinutePerIp));
        return new Result(config, Map.of());
    }

    /** The form of a stored clinic. */
    static ClinicForm form(ClinicConfig c) {
        ClinicForm f = new ClinicForm();
        f.setSlug(c.slug());
        f.setInfoClinicaUrl(c.infoClinicaUrl().toString());
        f.setBranchId(c.branchId() == null ? "" : c.branchId());
        f.setTimeZone(c.timeZone().getId());
        c.workingHours().forEach((d, h) -> {
            f.day(d).setWorks(true);
            f.day(d).setOpen(h.open().toString());
            f.day(d).setClose(h.close().toString());
        });
        f.setOnlineType(String.valueOf(c.infoClinica().onlineType()));
        f.setForwardedHost(c.infoClinica().forwardedHost() == null ? "" : c.infoClinica().forwardedHost());
        f.setAllowedSourceIps(String.join("\n", c.access().allowedSourceIps()));
        f.setPerMinute(String.valueOf(c.access().perMinute()));
        f.setPerMinutePerIp(String.valueOf(c.access().perMinutePerIp()));
        f.setConnectTimeoutMs(String.valueOf(c.infoClinica().connectTimeout().toMillis()));
        f.setRequestTimeoutMs(String.valueOf(c.infoClinica().requestTimeout().toMillis()));
        f.setAssistantName(c.assistantName() == null ? "" : c.assistantName());
        return f;
    }

    /** 0 for an empty field (the default applies); otherwise a whole number within bounds. */
    private static int number(String text, String field, int min, int max, String label, Map<String, String> errors) {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, label + ": целое число от " + min + " до " + max + " (пусто — по умолчанию)");
        return 0;
    }

    private static Map<DayOfWeek, String> dayNames() {
        Map<DayOfWeek, String> names = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            String n = d.getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, java.util.Locale.forLanguageTag("ru"));
            names.put(d, n.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + n.substring(1));
        }
        return names;
    }
}
