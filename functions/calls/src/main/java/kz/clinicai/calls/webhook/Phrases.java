package kz.clinicai.calls.webhook;

/** What the platform itself says when the model does not (ru / kk). */
final class Phrases {

    private Phrases() {
    }

    static String filler(String lang) {
        return kk(lang) ? "Кешіріңіз, бір сәт. Қайталап айтып жіберіңізші?" : "Секунду, пожалуйста… Не могли бы вы повторить?";
    }

    static String apology(String lang) {
        return kk(lang) ? "Кешіріңіз, сізді естімей қалдым. Қайталап айтыңызшы." : "Извините, я вас не расслышала. Повторите, пожалуйста.";
    }

    static String transfer(String lang) {
        return kk(lang) ? "Қазір операторға қосамын, күте тұрыңыз." : "Соединяю вас с оператором, оставайтесь на линии.";
    }

    static String goodbye(String lang) {
        return kk(lang) ? "Рахмет, сау болыңыз!" : "Спасибо, до свидания!";
    }

    static String silence(String lang) {
        return kk(lang) ? "Сіз мені естіп тұрсыз ба?" : "Вы меня слышите?";
    }

    private static boolean kk(String lang) {
        return "kk".equals(lang);
    }
}
