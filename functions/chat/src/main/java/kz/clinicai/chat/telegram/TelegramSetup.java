package kz.clinicai.chat.telegram;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Registers the bot's webhook with its secret (Telegram then sends it in {@code X-Telegram-Bot-Api-Secret-Token})
 * and the command menu operators see. Safe to repeat: both calls replace what was set before.
 */
public final class TelegramSetup {

    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

    private final TelegramClient telegram;

    public TelegramSetup(TelegramClient telegram) {
        this.telegram = telegram;
    }

    public void register(URI webhookUrl, String secret) {
        if (!secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException("Telegram allows 1-256 chars of A-Z, a-z, 0-9, _ and - in a secret token");
        }
        telegram.call(new TelegramCall("setWebhook", Map.of(
                "url", webhookUrl.toString(),
                "secret_token", secret,
                "allowed_updates", ALLOWED_UPDATES)));
        telegram.call(new TelegramCall("setMyCommands", Map.of("commands", List.of(
                command("start", "Стать оператором"),
                command("available", "Я на месте: получать чаты"),
                command("away", "Я отошёл: не получать чаты"),
                command("finish", "Завершить чат"),
                command("operators", "Операторы (для админов)")))));
    }

    private static Map<String, String> command(String name, String description) {
        return Map.of("command", name, "description", description);
    }

    /**
     * {@code TelegramSetup <webhook url>} with TELEGRAM_SECRET_NAME (the Secrets Manager secret with
     * {@code bot_token} and {@code webhook_secret}, read with the caller's AWS credentials and region) and optionally
     * TELEGRAM_API_BASE_URL in the environment: the secret's values never pass through a shell or a process list.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: TelegramSetup <https://host/telegram/webhook>");
            System.exit(2);
        }
        var env = kz.clinicai.shared.config.Env.current();
        var secrets = kz.clinicai.shared.secrets.SecretStore.from(new kz.clinicai.shared.aws.AwsClients(env));
        String secretName = env.required("TELEGRAM_SECRET_NAME");
        TelegramClient client = new HttpTelegramClient(
                env.uri("TELEGRAM_API_BASE_URL").orElse(HttpTelegramClient.DEFAULT_BASE_URL),
                secrets.fieldSupplier(secretName, "bot_token"));
        new TelegramSetup(client).register(URI.create(args[0]), secrets.field(secretName, "webhook_secret"));
        System.out.println("Webhook registered: " + args[0]);
    }
}
