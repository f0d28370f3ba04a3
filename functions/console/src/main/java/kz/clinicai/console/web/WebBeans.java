package kz.clinicai.console.web;

import kz.clinicai.console.ConsoleModule;
import kz.clinicai.console.api.ThreadStore;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.lifecycle.ConsoleTableLifecycleStore;
import kz.clinicai.console.lifecycle.LifecycleStore;
import kz.clinicai.console.lifecycle.ModelAvailability;
import kz.clinicai.console.lifecycle.ModelMigrations;
import kz.clinicai.shared.openai.ModelLifecycle;
import kz.clinicai.console.settings.SiteSettings;
import kz.clinicai.console.spend.SpendService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's use-case objects, built from the composition root's clients. */
@Configuration
public class WebBeans {

    @Bean
    LifecycleStore lifecycleStore(ConsoleModule m) {
        return new ConsoleTableLifecycleStore(m.table());
    }

    @Bean
    ModelAvailability modelAvailability(ConsoleModule m, LifecycleStore lifecycle) {
        return ModelAvailability.live(ModelLifecycle.standard(), lifecycle, m.clock());
    }

    @Bean
    AssistantService assistantService(ConsoleModule m, ModelAvailability models) {
        return new AssistantService(m.assistants(), m.latestAssistants(), m.table(), m.clock(), models);
    }

    @Bean
    ModelMigrations modelMigrations(ConsoleModule m, AssistantService assistants) {
        return new ModelMigrations(assistants, m.openAi(), m.usage(), m.table(), m.clock());
    }

    @Bean
    SiteSettings siteSettings(ConsoleModule m) {
        return new SiteSettings(m.table());
    }

    @Bean
    ThreadStore threadStore(ConsoleModule m) {
        return new ThreadStore(m.table(), m.clock());
    }

    @Bean
    SpendService spendService(ConsoleModule m, SiteSettings settings) {
        return new SpendService(m.usage(), m.prices(), settings, m.orgCosts(), m.secrets(), m.adminKeySecretName(),
                m.clock(), m.budgetAlerts());
    }
}
