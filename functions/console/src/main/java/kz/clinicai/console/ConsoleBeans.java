package kz.clinicai.console;

import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the composition root's objects to Spring. */
@Configuration
public class ConsoleBeans {

    // Set by ConsoleHandler just before Spring starts (one console per JVM: the Lambda container or the local stack).
    private static volatile ConsoleModule pending;

    static void prepare(ConsoleModule module) {
        pending = module;
    }

    @Bean
    ConsoleModule consoleModule() {
        return Objects.requireNonNull(pending, "ConsoleHandler did not prepare a ConsoleModule");
    }
}
