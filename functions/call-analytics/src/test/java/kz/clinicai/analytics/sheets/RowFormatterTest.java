package kz.clinicai.analytics.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.profile.Profile;
import org.junit.jupiter.api.Test;

class RowFormatterTest {

    private final RowFormatter formatter = new RowFormatter(URI.create("http://127.0.0.1:9/uis"));
    private final Profile profile = Fixtures.profile(Fixtures.criteria());

    private static final String ANALYSIS = """
            {"summary":"Клиент записался. Всё хорошо.","criteria":{
             "tone":{"value":"позитивный","evidence":"Спасибо"},"callback":{"value":true,"evidence":"перезвоните"},
             "quality":{"value":0,"evidence":""},"topics":{"value":"=1+1","evidence":"x"}}}""";

    @Test
    void cellsFollowTheHeaderWhateverItsOrder() {
        List<String> header = RowFormatter.columns(profile);
        assertThat(header).startsWith("ID звонка").endsWith("Статус", "Причина", "Дата обработки")
                .contains("Тон", "Тон — цитата", "Качество", "Качество — цитата");
        List<Object> row = formatter.row(profile, header, Fixtures.call(42, CallStatus.ANALYSED, ANALYSIS, null), "текст");
        assertThat(row.get(header.indexOf("ID звонка"))).isEqualTo("42");
        assertThat(row.get(header.indexOf("Номер клиента"))).isEqualTo("+77011234567");
        assertThat(row.get(header.indexOf("Тон"))).isEqualTo("позитивный");
        assertThat(row.get(header.indexOf("Перезвонить"))).isEqualTo("да");
        assertThat(row.get(header.indexOf("Качество"))).isEqualTo(0);
        assertThat(row.get(header.indexOf("Темы"))).isEqualTo("=1+1");
        assertThat(row.get(header.indexOf("Запись"))).isEqualTo("http://127.0.0.1:9/uis/system/media/talk/42/abc123/");
        assertThat(row.get(header.indexOf("Статус"))).isEqualTo("проанализирован");
        assertThat(row.get(header.indexOf("Дата обработки"))).isEqualTo("2026-11-30 10:20:00");

        List<String> moved = new java.util.ArrayList<>(List.of("Статус", "Моя колонка", "ID звонка"));
        List<Object> other = formatter.row(profile, moved, Fixtures.call(42, CallStatus.ANALYSED, ANALYSIS, null), "");
        assertThat(other).containsExactly("проанализирован", "", "42");
    }

    @Test
    void aFailedCallsRowSaysWhy() {
        List<String> header = RowFormatter.columns(profile);
        List<Object> row = formatter.row(profile, header, Fixtures.call(7, CallStatus.FAILED, null, "transcribed: OpenAI 400"), "");
        assertThat(row.get(header.indexOf("Статус"))).isEqualTo("ошибка");
        assertThat(row.get(header.indexOf("Причина"))).isEqualTo("transcribed: OpenAI 400");
    }

    @Test
    void cellsOverFiftyThousandCharactersAreCutWithAMarker() {
        String cut = RowFormatter.cut("я".repeat(60_000));
        assertThat(cut.length()).isLessThanOrEqualTo(50_000);
        assertThat(cut).endsWith("симв.]").contains("обрезано");
        assertThat(RowFormatter.cut("short")).isEqualTo("short");
    }
}
