package kz.clinicai.console;

import java.util.Arrays;
import java.util.List;
import kz.clinicai.shared.config.Env;

/** {@code TELEGRAM_ADMIN_IDS}, read alike by both of the module's functions (budget alerts, lifecycle notices). */
final class TelegramAdmins {

    private TelegramAdmins() {
    }

    /** Telegram user ids, comma-separated; anything that is not one is skipped. */
    static List<Long> fromEnv(Env env) {
        return Arrays.stream(env.get("TELEGRAM_ADMIN_IDS", "").split(",")).map(String::strip)
                .filter(s -> s.matches("-?\\d{1,18}")).map(Long::parseLong).toList();
    }
}
