package kz.clinicai.console.settings;

import static kz.clinicai.console.store.ConsoleTable.s;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.store.ConsoleTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Site-wide settings in one item ({@code pk = settings, sk = site}): registration open or closed, the prepaid
 * balance the admin entered (amount and date), the monthly budget and the budget alerts already sent.
 */
public final class SiteSettings {

    public record Values(boolean registrationOpen, Double balanceUsd, LocalDate balanceDate, Double monthlyBudgetUsd,
                         String alerted80Month, String alerted100Month) {
    }

    private final ConsoleTable table;

    public SiteSettings(ConsoleTable table) {
        this.table = table;
    }

    public Values get() {
        Optional<Map<String, AttributeValue>> item = table.get("settings", "site");
        if (item.isEmpty()) {
            return new Values(true, null, null, null, null, null);
        }
        Map<String, AttributeValue> i = item.get();
        String date = ConsoleTable.str(i, "balanceDate");
        AttributeValue open = i.get("registrationOpen");
        return new Values(open == null || open.bool(), ConsoleTable.dbl(i, "balanceUsd"),
                date == null ? null : LocalDate.parse(date), ConsoleTable.dbl(i, "monthlyBudgetUsd"),
                ConsoleTable.str(i, "alerted80Month"), ConsoleTable.str(i, "alerted100Month"));
    }

    public void save(Values v) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("settings"));
        item.put("sk", s("site"));
        item.put("registrationOpen", AttributeValue.fromBool(v.registrationOpen()));
        if (v.balanceUsd() != null) {
            item.put("balanceUsd", ConsoleTable.n(v.balanceUsd()));
        }
        if (v.balanceDate() != null) {
            item.put("balanceDate", s(v.balanceDate().toString()));
        }
        if (v.monthlyBudgetUsd() != null) {
            item.put("monthlyBudgetUsd", ConsoleTable.n(v.monthlyBudgetUsd()));
        }
        if (v.alerted80Month() != null) {
            item.put("alerted80Month", s(v.alerted80Month()));
        }
        if (v.alerted100Month() != null) {
            item.put("alerted100Month", s(v.alerted100Month()));
        }
        table.put(item);
    }
}
