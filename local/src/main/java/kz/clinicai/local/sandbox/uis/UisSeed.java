package kz.clinicai.local.sandbox.uis;

import static kz.clinicai.local.sandbox.audio.SandboxAudio.CLIENT;
import static kz.clinicai.local.sandbox.audio.SandboxAudio.OPERATOR;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.local.sandbox.uis.UisCallBuilder.Dial;
import kz.clinicai.local.sandbox.uis.UisCallBuilder.Line;

/**
 * The simulated account's working day, the same every day (a pure function of the date): ten calls between 09:00
 * and 18:00 clinic time — answered and lost, inbound and outbound, Russian and Kazakh, a transfer with two legs and
 * two recordings, a 60-minute consultation, a silent call — over three employees and two virtual numbers. With
 * more than ten calls a day the pattern repeats a few minutes later.
 */
final class UisSeed {

    static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Almaty");
    static final String VIRTUAL_MAIN = "77272001122";
    static final String VIRTUAL_ADS = "77272003344";
    static final int TEMPLATE_SIZE = 10;

    static final UisEmployee DINARA = new UisEmployee(5001, "Сапарова Динара Маратовна", "77011110001");
    static final UisEmployee IGOR = new UisEmployee(5002, "Петров Игорь Алексеевич", "77011110002");
    static final UisEmployee AIGERIM = new UisEmployee(5003, "Жумабекова Айгерим Куатовна", "77011110003");
    static final List<UisEmployee> EMPLOYEES = List.of(DINARA, IGOR, AIGERIM);

    private UisSeed() {
    }

    /** Session id of call {@code index} of {@code day}; {@link #call} inverts it. */
    static long id(LocalDate day, int index) {
        return (day.toEpochDay() + 100_000) * 100 + index;
    }

    static LocalDate dayOf(long id) {
        return LocalDate.ofEpochDay(id / 100 - 100_000);
    }

    static int indexOf(long id) {
        return (int) (id % 100);
    }

    static UisCall call(LocalDate day, int index) {
        long id = id(day, index);
        int t = index % TEMPLATE_SIZE;
        LocalTime[] times = {LocalTime.of(9, 5), LocalTime.of(9, 40), LocalTime.of(10, 15), LocalTime.of(11, 0),
            LocalTime.of(11, 45), LocalTime.of(12, 30), LocalTime.of(14, 10), LocalTime.of(15, 0),
            LocalTime.of(16, 20), LocalTime.of(17, 30)};
        var start = day.atTime(times[t]).plusMinutes(3L * (index / TEMPLATE_SIZE))
                .plusSeconds((day.getDayOfMonth() * 7L + index * 13L) % 50).atZone(CLINIC_ZONE).toInstant();
        String contact = "7701" + String.format("%07d", (id * 7919) % 10_000_000);
        Duration delay = Duration.ofSeconds(90);
        return switch (t) {
            case 0 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_MAIN, List.of(new Dial(DINARA, true, 6, 95,
                    List.of(new Line(OPERATOR, "Здравствуйте, клиника ClinicAI, меня зовут Динара. Чем могу помочь?"),
                            new Line(CLIENT, "Здравствуйте, хочу записаться к терапевту на завтра."),
                            new Line(OPERATOR, "Есть свободное время в десять тридцать и в четырнадцать ноль-ноль."),
                            new Line(CLIENT, "Давайте в десять тридцать."),
                            new Line(OPERATOR, "Записала вас к Ивановой Анне Петровне на десять тридцать. Ждём вас."),
                            new Line(CLIENT, "Спасибо, до свидания.")))), delay, "запись к терапевту (ru)");
            case 1 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_ADS, List.of(
                    new Dial(IGOR, false, 25, 0, List.of()), new Dial(AIGERIM, false, 20, 0, List.of())), delay,
                    "потерянный входящий");
            case 2 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_MAIN, List.of(new Dial(AIGERIM, true, 4, 80,
                    List.of(new Line(OPERATOR, "Сәлеметсіз бе, ClinicAI клиникасы, Әйгерім тыңдап тұр."),
                            new Line(CLIENT, "Сәлеметсіз бе, ертеңге педиатрға жазылғым келеді."),
                            new Line(OPERATOR, "Ертең сағат онда және он төртте бос орын бар."),
                            new Line(CLIENT, "Сағат онға жазыңызшы."),
                            new Line(OPERATOR, "Жазып қойдым, ертең сағат онда күтеміз."),
                            new Line(CLIENT, "Рахмет, сау болыңыз.")))), delay, "запись к педиатру (kk)");
            case 3 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_MAIN, List.of(
                    new Dial(DINARA, true, 5, 40, List.of(
                            new Line(OPERATOR, "Клиника ClinicAI, Динара, здравствуйте."),
                            new Line(CLIENT, "Здравствуйте, у меня вопрос по результатам анализов."),
                            new Line(OPERATOR, "Соединяю вас с администратором лаборатории, оставайтесь на линии."))),
                    new Dial(IGOR, true, 8, 70, List.of(
                            new Line(OPERATOR, "Лаборатория, Игорь, слушаю вас."),
                            new Line(CLIENT, "Анализы готовы? Сдавал позавчера."),
                            new Line(OPERATOR, "Да, готовы, отправлю результаты на вашу почту сегодня."),
                            new Line(CLIENT, "Отлично, спасибо.")))), delay, "трансфер: 2 плеча, 2 записи");
            case 4 -> UisCallBuilder.build(id, start, "out", contact, VIRTUAL_MAIN, List.of(new Dial(IGOR, true, 12, 50,
                    List.of(new Line(OPERATOR, "Добрый день, это клиника ClinicAI, напоминаем о приёме завтра в девять."),
                            new Line(CLIENT, "Да, помню, приду."),
                            new Line(OPERATOR, "Хорошо, ждём вас, до свидания.")))), delay, "исходящий: напоминание (ru)");
            case 5 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_MAIN,
                    List.of(new Dial(AIGERIM, true, 5, 3600, longConsultation())), delay, "длинный звонок 60 мин");
            case 6 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_ADS,
                    List.of(new Dial(DINARA, true, 7, 40, List.of())), delay, "тишина (нет речи)");
            case 7 -> UisCallBuilder.build(id, start, "out", contact, VIRTUAL_MAIN,
                    List.of(new Dial(IGOR, false, 30, 0, List.of())), delay, "исходящий без ответа");
            case 8 -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_ADS, List.of(new Dial(IGOR, true, 9, 75,
                    List.of(new Line(OPERATOR, "Клиника ClinicAI, Игорь, здравствуйте."),
                            new Line(CLIENT, "Сколько стоит приём кардиолога?"),
                            new Line(OPERATOR, "Первичный приём кардиолога стоит двенадцать тысяч тенге."),
                            new Line(CLIENT, "Дорого, я подумаю."),
                            new Line(OPERATOR, "Хорошо, если решите, звоните, подберём удобное время.")))), delay,
                    "возражение по цене (ru)");
            default -> UisCallBuilder.build(id, start, "in", contact, VIRTUAL_MAIN, List.of(new Dial(DINARA, true, 6, 70,
                    List.of(new Line(OPERATOR, "Клиника ClinicAI, Динара, здравствуйте."),
                            new Line(CLIENT, "Сәлеметсіз бе, орысша сөйлесек болады ма? Хочу перенести запись на пятницу."),
                            new Line(OPERATOR, "Конечно. Подскажите ваше имя."),
                            new Line(CLIENT, "Ахметова Сауле."),
                            new Line(OPERATOR, "Перенесла вашу запись на пятницу на одиннадцать часов."),
                            new Line(CLIENT, "Рахмет, спасибо.")))), delay, "перенос записи (kk+ru)");
        };
    }

    /** A consultation that goes on for an hour: a line every 20 seconds, so every part of a split file speaks. */
    private static List<Line> longConsultation() {
        String[][] script = {
            {OPERATOR, "Расскажите, пожалуйста, что вас беспокоит."},
            {CLIENT, "Уже месяц болит спина, особенно по утрам."},
            {OPERATOR, "Вы делали снимки или МРТ?"},
            {CLIENT, "Нет, пока ничего не делал."},
            {OPERATOR, "Тогда я предложу сначала приём невролога, а потом МРТ."},
            {CLIENT, "Сколько это будет стоить всё вместе?"},
            {OPERATOR, "Приём невролога девять тысяч, МРТ поясничного отдела двадцать две тысячи."},
            {CLIENT, "Понятно, а есть скидки для пенсионеров?"},
            {OPERATOR, "Да, для пенсионеров скидка десять процентов."},
        };
        List<Line> out = new ArrayList<>();
        for (int i = 0; i * 20 < 3600; i++) {
            String[] l = script[i % script.length];
            out.add(new Line(l[0], l[1] + " Часть " + (i / script.length + 1) + ".", i * 20.0, 12));
        }
        return out;
    }
}
