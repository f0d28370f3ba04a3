package kz.clinicai.console.spend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tells the Telegram admins (the operators' bot, TELEGRAM_ADMIN_IDS) once per month and level when the month's
 * spend reaches 80 % and 100 % of the budget. "Once" holds across Lambda instances: the level is claimed with a
 * conditional write on the settings item before the message is sent.
 */
public final class BudgetAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetAlerts.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConsoleTable table;
    private final Optional<URI> telegramBase;
    private final Supplier<String> botToken;
    private final List<Long> adminIds;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public BudgetAlerts(ConsoleTable table, Optional<URI> telegramBase, Supplier<String> botToken, List<Long> adminIds) {
        this.table = table;
        this.telegramBase = telegramBase;
        this.botToken = botToken;
        this.adminIds = List.copyOf(adminIds);
    }

    /** Sends the alert of {@code level} (80 or 100) for {@code month} (yyyy-MM) unless it was sent already. */
    public void reached(int level, String month, String text) {
        if (telegramBase.isEmpty() || adminIds.isEmpty()) {
            return;
        }
        if (!table.claim("settings", "site", "alerted" + level + "Month", AttributeValue.fromS(month))) {
            return; // already sent this month (by this or another instance)
        }
        for (long admin : adminIds) {
            try {
                String body = Json.write(Map.of("chat_id", admin, "text", text));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(telegramBase.get() + "/bot"
                                + botToken.get() + "/sendMessage")).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    LOG.warn("budget alert to a Telegram admin answered {}", r.statusCode());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // The banner in the console still shows the alert; a lost Telegram message is not worth a failed page.
                LOG.warn("budget alert to a Telegram admin failed: {}", e.toString());
            }
        }
        LOG.info("budget alert {} % for {} sent to {} admins", level, month, adminIds.size());
    }
}
