package kz.clinicai.console;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The console's Spring application. Its collaborators come from {@link ConsoleModule} (registered by the handler),
 * never from Spring's own environment binding, so the local stack's per-function environment holds. Users are the
 * console's own ({@code ConsoleAuthenticationProvider}): Spring Boot's default in-memory user (and its "Using
 * generated security password" line) must not exist at all.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {JmxAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
        TaskSchedulingAutoConfiguration.class, WebSocketServletAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@ComponentScan
class ConsoleApplication {
}
