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

    /** The scenario says it when a turn got no answer from the platform (network, timeout). */
    static String repeat(String lang) {
        return kk(lang) ? "Кешіріңіз, қайталаңызшы." : "Извините, повторите, пожалуйста.";
    }

    /** The scenario says it, then hangs up, when a realtime call cannot reach the model. */
    static String unavailable(String lang) {
        return kk(lang) ? "Кешіріңіз, қазір сөйлесе алмаймын." : "Извините, сейчас не получается поговорить.";
    }

    /** The scenario says it, then hangs up, when the operator does not answer a transfer. */
    static String operatorBusy(String lang) {
        return kk(lang) ? "Оператор қазір бос емес. Сізге кейін хабарласамыз." : "Оператор сейчас занят. Мы вам перезвоним.";
    }

    private static boolean kk(String lang) {
        return "kk".equals(lang);
    }
}
