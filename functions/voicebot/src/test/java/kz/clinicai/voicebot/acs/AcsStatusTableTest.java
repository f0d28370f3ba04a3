package kz.clinicai.voicebot.acs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.Slot;
import org.junit.jupiter.api.Test;

/**
 * The table of ACS statuses in docs/voicebot.md is the contract ACS integrators read: every status is listed, the ± mark is
 * exactly the suffixable ones, and the listed fields are exactly what the formatter sends (for a date of today, so
 * day/day_kz appear, and with as many offers as the status allows).
 */
class AcsStatusTableTest {
    static final LocalDate TODAY = LocalDate.of(2025, 1, 29);
    static final String DOCTOR = "Иванова А.Б.";

    record Row(String status, boolean suffixable, Set<String> fields) {
    }

    static List<Row> readmeRows() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docs/voicebot.md"))) {
            root = root.getParent();
        }
        assertThat(root).as("docs/voicebot.md above the module").isNotNull();
        String text = Files.readString(root.resolve("docs/voicebot.md"));
        int from = text.indexOf("<!-- acs-statuses -->");
        int to = text.indexOf("<!-- /acs-statuses -->");
        assertThat(from).isPositive();
        List<Row> rows = new ArrayList<>();
        for (String line : text.substring(from, to).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            Matcher status = Pattern.compile("`([a-z_]+)`").matcher(cells[1]);
            assertThat(status.find()).as(line).isTrue();
            Set<String> fields = new LinkedHashSet<>();
            Matcher field = Pattern.compile("`([a-z_]+)`").matcher(cells[3]);
            while (field.find()) {
                fields.add(field.group(1));
            }
            rows.add(new Row(status.group(1), cells[1].contains("±"), fields));
        }
        return rows;
    }

    static Map<AcsStatus, Outcome> representatives() {
        Appointment a = new Appointment(1, TODAY, LocalTime.of(8, 0), LocalTime.of(8, 30), 5, 9L, "1", DOCTOR, null);
        Map<AcsStatus, Outcome> map = new LinkedHashMap<>();
        map.put(AcsStatus.SUCCESS_CHANGE_RECEPTION, new Outcome.Booked(TODAY, LocalTime.NOON, DOCTOR));
        map.put(AcsStatus.WHICH_TIME, new Outcome.FreeTimes(TODAY, DOCTOR, slots(3)));
        map.put(AcsStatus.ONLY_FIRST_TIME, new Outcome.FreeTimes(TODAY, DOCTOR, slots(1)));
        map.put(AcsStatus.ONLY_TWO_TIME, new Outcome.FreeTimes(TODAY, DOCTOR, slots(2)));
        map.put(AcsStatus.ERROR_EMPTY_WINDOWS, new Outcome.FreeTimes(TODAY, DOCTOR, List.of()));
        map.put(AcsStatus.ERROR_CHANGE_RECEPTION, new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, slots(3)));
        map.put(AcsStatus.CHANGE_ONLY_FIRST_TIME, new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, slots(1)));
        map.put(AcsStatus.CHANGE_ONLY_TWO_TIME, new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, slots(2)));
        map.put(AcsStatus.ERROR_CHANGE_RECEPTION_BAD_DATE, new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR,
                List.of()));
        map.put(AcsStatus.SUCCESS_DELETING_RECEPTION, new Outcome.Cancelled(a, "Запись успешно удалена"));
        map.put(AcsStatus.ERROR_DELETING_RECEPTION, new Outcome.CancelFailed(a, "Отмена запрещена"));
        map.put(AcsStatus.NONWORKTIME, new Outcome.NonWorkTime(TODAY, LocalTime.of(22, 0)));
        map.put(AcsStatus.BAD_USER_INPUT, new Outcome.NotUnderstood());
        map.put(AcsStatus.ERROR_MED_ELEMENT, new Outcome.UnknownMedElement("Требуется направление"));
        map.put(AcsStatus.NO_ACTION_REQUIRED, new Outcome.NoActionRequired(a));
        map.put(AcsStatus.ERROR, new Outcome.Failure("Ошибка медицинской системы"));
        return map;
    }

    static List<Slot> slots(int n) {
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Slot(TODAY, LocalTime.of(13 + i, 0), LocalTime.of(13 + i, 30), 1, 5));
        }
        return out;
    }

    @Test
    void theReadmeListsEveryStatusWithExactlyTheFieldsTheFormatterSends() throws Exception {
        List<Row> rows = readmeRows();

        assertThat(rows).extracting(Row::status).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AcsStatus.values()).map(AcsStatus::wireName).toList());
        Map<AcsStatus, Outcome> outcomes = representatives();
        for (Row row : rows) {
            AcsStatus status = AcsStatus.valueOf(row.status().toUpperCase(java.util.Locale.ROOT));
            assertThat(row.suffixable()).as(row.status() + " ± mark").isEqualTo(status.suffixable());
            JsonNode reply = Json.mapper().valueToTree(AcsReplyFormatter.format(outcomes.get(status), TODAY.minusDays(9)));
            // The representative date is not today here: day/day_kz come from a second rendering dated today.
            JsonNode today = Json.mapper().valueToTree(AcsReplyFormatter.format(outcomes.get(status), TODAY));
            Set<String> sent = new LinkedHashSet<>();
            today.fieldNames().forEachRemaining(sent::add);
            sent.remove("status");
            assertThat(reply.path("status").asText()).isEqualTo(status.wireName());
            assertThat(sent).as(row.status() + " fields").containsExactlyInAnyOrderElementsOf(row.fields());
        }
    }

    @Test
    void errorsAndCancellationsAlwaysCarryAMessage() {
        for (AcsStatus status : List.of(AcsStatus.SUCCESS_DELETING_RECEPTION, AcsStatus.ERROR_DELETING_RECEPTION,
                AcsStatus.ERROR, AcsStatus.ERROR_MED_ELEMENT)) {
            assertThat(AcsReplyFormatter.format(representatives().get(status), TODAY).message())
                    .as(status.wireName()).isNotBlank();
        }
    }
}
