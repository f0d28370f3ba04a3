package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;

/**
 * The monthly budget: once the month's metered spend passes it, every page shows the banner and the Telegram admins
 * (the operators' bot, here the Telegram simulator's admin) get one message.
 */
class ConsoleBudgetIT {

    @Test
    void spendOverTheBudgetShowsTheBannerAndTellsTheTelegramAdminOnce() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String id = ConsoleUsers.createAssistant(admin, "budget-" + System.nanoTime(), "gpt-6-luna", "Коротко.",
                "", "");
        String token = admin.csrf("/console/assistants");
        HttpResponse<String> chat = admin.postJson("/console/assistants/" + id + "/test",
                "{\"message\":\"Сколько стоит приём?\"}", "X-XSRF-TOKEN", token, "Accept", "application/json");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(PlatformStackFixture.json(chat).path("reply").asText()).isNotBlank();

        try {
            saveBudget(admin, "0.0000001");
            HttpResponse<String> dashboard = admin.get("/console/dashboard");
            assertThat(dashboard.body()).contains("data-testid=\"budget-banner\"").contains("Бюджет месяца исчерпан");
            admin.get("/console/assistants"); // a second page view: still one message
            long sent = adminMessages().stream().filter(t -> t.contains("бюджета месяца")).count();
            assertThat(sent).isEqualTo(1);
        } finally {
            saveBudget(admin, "");
        }
        assertThat(admin.get("/console/dashboard").body()).doesNotContain("data-testid=\"budget-banner\"");
    }

    @Test
    void theDashboardShowsTheEnteredBalanceMinusSpendAndOpenAiOrganisationCosts() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        HttpResponse<String> saved = admin.postForm("/console/settings/site", Map.of("registrationOpen", "true",
                "balanceUsd", "10", "balanceDate", today, "_csrf", admin.csrf("/console/settings")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String page = admin.get("/console/dashboard").body();
        java.util.regex.Matcher balance = java.util.regex.Pattern
                .compile("data-testid=\"balance\">\\$([0-9.]+)<").matcher(page);
        assertThat(balance.find()).as("balance on the dashboard").isTrue();
        assertThat(Double.parseDouble(balance.group(1))).isLessThanOrEqualTo(10.0).isGreaterThan(9.0);
        assertThat(page).contains("введено 10.00 $ на " + today);
        // The local stack configures the simulator's Admin API key: the organisation's costs are read, no error toast.
        assertThat(page).contains("data-testid=\"org-total\"").doesNotContain("Не удалось получить расходы OpenAI")
                .doesNotContain("Admin-ключ не настроен");
        // Half-entered balance is refused with a message, nothing saved.
        HttpResponse<String> half = admin.postForm("/console/settings/site", Map.of("registrationOpen", "true",
                "balanceUsd", "5", "_csrf", admin.csrf("/console/settings")));
        assertThat(half.statusCode()).isEqualTo(200);
        assertThat(half.body()).contains("Укажите и сумму, и дату");
        assertThat(admin.get("/console/dashboard").body()).contains("введено 10.00 $");
    }

    private static void saveBudget(ConsoleClient admin, String budget) {
        HttpResponse<String> saved = admin.postForm("/console/settings/site", Map.of("registrationOpen", "true",
                "monthlyBudgetUsd", budget, "_csrf", admin.csrf("/console/settings")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    }

    private static java.util.List<String> adminMessages() {
        String admin = PlatformStackFixture.stack().sandbox().settings().get("telegram.adminUserId");
        JsonNode chats = PlatformStackFixture.sandboxGet("/telegram/_control/chats").path("chats");
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (JsonNode c : chats) {
            if (!c.path("user").path("id").asText().equals(admin)) {
                continue;
            }
            for (JsonNode m : c.path("messages")) {
                if (m.path("direction").asText().equals("bot_to_user")) {
                    texts.add(m.path("message").path("text").asText());
                }
            }
        }
        return texts;
    }
}
