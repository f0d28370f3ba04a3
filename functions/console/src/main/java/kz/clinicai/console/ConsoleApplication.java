package kz.clinicai.console;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The console's Spring application. Its collaborators come from {@link ConsoleModule} (see {@link ConsoleBeans}),
 * never from Spring's own environment binding, so the local stack's per-function environment holds.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {JmxAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
        TaskSchedulingAutoConfiguration.class, WebSocketServletAutoConfiguration.class})
@ComponentScan
public class ConsoleApplication {
}
