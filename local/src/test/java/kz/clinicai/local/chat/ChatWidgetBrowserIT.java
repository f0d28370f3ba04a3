package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;
import kz.clinicai.local.chat.TelegramPeople.BotMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The widget on the demo page in Debian's Chromium: a visitor chats with the AI, calls an operator, and reads the
 * operator's answer, who works in the Telegram sandbox. Screenshots land in target/screenshots.
 */
class ChatWidgetBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final double TIMEOUT_MS = 30_000;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() {
        ChatStackFixture.stack();
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"desktop, 1280, 800", "phone, 390, 844"})
    void aVisitorChatsWithTheAiThenWithAnOperator(String device, int width, int height) {
        long operator = TelegramPeople.approvedOperator("Browser " + device);
        String marker = "browser-" + device + "-" + System.nanoTime();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("ru-RU").setIsMobile(device.equals("phone"))
                .setHasTouch(device.equals("phone")))) {
            Page page = context.newPage();
            page.setDefaultTimeout(TIMEOUT_MS);
            page.navigate(ChatStackFixture.api() + "/chat-demo/");
            page.getByTestId("chat-open").click();
            page.getByTestId("chat-panel").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));

            page.getByTestId("chat-input").fill("Здравствуйте! " + marker);
            page.getByTestId("chat-send").click();
            Locator aiReply = page.locator("[data-testid=chat-message][data-user=GPT]").filter(
                    new Locator.FilterOptions().setHasText(marker));
            aiReply.waitFor();
            assertThat(aiReply.innerText()).contains("Вы написали: Здравствуйте! " + marker);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("chat-" + device + "-ai.png")));

            page.getByTestId("chat-operator").click();
            BotMessage offer = TelegramPeople.awaitOffer(operator, marker);
            String ref = TelegramPeople.take(offer).substring("take:".length());
            TelegramPeople.press(operator, offer.messageId(), "take:" + ref);
            TelegramPeople.awaitBotMessage(operator, "the take confirmation", m -> m.text().startsWith("Вы взяли чат #" + ref));
            TelegramPeople.write(operator, "Добрый день, я оператор. " + ref);

            Locator operatorReply = page.locator("[data-testid=chat-message][data-user=OPERATOR]").filter(
                    new Locator.FilterOptions().setHasText(ref));
            operatorReply.waitFor();
            assertThat(operatorReply.innerText()).contains("Добрый день, я оператор.");
            // The panel fits the viewport: nothing of the conversation is cut off at the sides.
            var box = page.getByTestId("chat-panel").boundingBox();
            assertThat(box.x).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).isLessThanOrEqualTo(width + 0.5);
            assertThat(box.y + box.height).isLessThanOrEqualTo(height + 0.5);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("chat-" + device + "-operator.png")));
        }
    }
}
