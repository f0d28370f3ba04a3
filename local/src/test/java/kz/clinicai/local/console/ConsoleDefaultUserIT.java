package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.config.Env;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * The console's users are its own: Spring Boot's default in-memory user must not exist, so its init never logs
 * "Using generated security password" (a password nobody needs, printed into the function's logs). A fresh
 * console is started here with the platform stack's environment and its init's log lines are captured.
 */
class ConsoleDefaultUserIT {

    @Test
    void theConsolesInitCreatesNoSpringDefaultUser() {
        Map<String, String> env = PlatformStackFixture.stack().runtime().environment("ConsoleFunction");
        List<String> lines = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("console-init-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        try {
            Env.scoped(env, () -> {
                try {
                    // Runtime scope in this module: the console is loaded the way the local stack loads it.
                    return Class.forName("kz.clinicai.console.ConsoleHandler").getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            context.getConfiguration().getRootLogger().removeAppender(capture.getName());
            context.updateLoggers();
        }

        assertThat(lines).as("the capture saw the console's init").anyMatch(l -> l.contains("Spring context started"));
        assertThat(lines).noneMatch(l -> l.contains("generated security password"));
    }
}
