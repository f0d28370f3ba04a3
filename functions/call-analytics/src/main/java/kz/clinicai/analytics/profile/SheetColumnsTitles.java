package kz.clinicai.analytics.profile;

import java.util.List;

/** The sheet's fixed column titles (before and after the criteria): criterion titles may not take them. */
public final class SheetColumnsTitles {

    public static final String CALL_ID = "ID звонка";
    public static final String EVIDENCE_SUFFIX = " — цитата";
    public static final List<String> LEADING = List.of(CALL_ID, "Дата и время", "Направление", "Номер клиента",
            "Номер приёма", "Сотрудник", "Длительность разговора, с", "Запись", "Транскрипт", "Резюме");
    public static final List<String> TRAILING = List.of("Статус", "Причина", "Дата обработки");
    public static final List<String> FIXED = java.util.stream.Stream.concat(LEADING.stream(), TRAILING.stream()).toList();

    private SheetColumnsTitles() {
    }
}
