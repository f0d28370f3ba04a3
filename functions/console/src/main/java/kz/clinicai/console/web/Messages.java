package kz.clinicai.console.web;

import java.util.Map;
import org.springframework.ui.Model;

/**
 * Success toasts after a redirect: there is no HTTP session for flash attributes, so the redirect carries a short
 * code ({@code ?msg=saved}) and the page turns it into text.
 */
final class Messages {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("created", "Ассистент создан"),
            Map.entry("saved", "Сохранена новая версия"),
            Map.entry("deleted", "Ассистент удалён"),
            Map.entry("missing", "Такого ассистента уже нет"),
            Map.entry("rolledback", "Откат выполнен: сохранена новая версия"),
            Map.entry("store", "Векторное хранилище создано"),
            Map.entry("uploaded", "Файл загружен"),
            Map.entry("password", "Пароль изменён"),
            Map.entry("settings", "Настройки сохранены"),
            Map.entry("key-revoked", "Ключ отозван"),
            Map.entry("imported", "Импорт выполнен"),
            Map.entry("migrated", "Модель заменена: у ассистентов сохранены новые версии"),
            Map.entry("ok", "Сохранено"),
            Map.entry("clinic-created", "Клиника создана"),
            Map.entry("clinic-saved", "Настройки клиники сохранены"),
            Map.entry("certificate", "Сертификат сохранён в Secrets Manager"),
            Map.entry("reminders", "Список напоминаний загружен: записи проверяются в InfoClinica, звонки — по расписанию"));

    private Messages() {
    }

    static void flash(String code, Model model) {
        if (code != null && TEXT.containsKey(code)) {
            model.addAttribute("message", TEXT.get(code));
        }
    }
}
