package kz.clinicai.analytics.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.analytics.profile.Criterion;
import org.junit.jupiter.api.Test;

/** The analysis prompt, read from its resources, is word for word what the model was asked before it moved there. */
class AnalyzerInstructionsTest {

    @Test
    void thePromptNamesEveryCriterionWithItsTypeAfterTheFixedInstructions() {
        List<Criterion> criteria = Fixtures.criteria();

        assertThat(Analyzer.instructions(Fixtures.profile(criteria))).isEqualTo("""
                Ты аналитик отдела продаж и качества обслуживания. Тебе дают расшифровку телефонного звонка \
                (реплики могут быть помечены «Оператор:» и «Клиент:»; речь на русском или казахском). \
                Оцени звонок по каждому критерию ниже строго по тексту расшифровки. Для каждого критерия дай \
                значение и короткую дословную цитату из расшифровки, на которой основан ответ (пустую строку, \
                если цитаты нет). Поле summary: ровно два предложения на русском — о чём был звонок и чем он \
                закончился. Не выдумывай того, чего нет в расшифровке.

                Критерии:
                - tone («Тон», одно из: позитивный, нейтральный, негативный): Тон клиента.
                - callback («Перезвонить», да/нет): Нужен ли перезвон.
                - quality («Качество», оценка 0–10): Качество обслуживания.
                - topics («Темы», коротко, несколько слов): Темы звонка.
                """);
    }
}
