package kz.clinicai.shared.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures what is logged through the real log4j2.xml configuration (root logger, its levels), rendered by the
 * layout of the configured console appender, while open.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Appender appender;
    private final LoggerContext context;

    private CapturedLogs(LoggerContext context, Appender appender) {
        this.context = context;
        this.appender = appender;
    }

    public static CapturedLogs start() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Layout<?> layout = config.getAppender("JsonAppender").getLayout();
        Appender appender = new Appender(layout);
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        return new CapturedLogs(context, appender);
    }

    /** Each event as the console appender would print it. */
    public List<String> lines() {
        return List.copyOf(appender.lines);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    private static final class Appender extends AbstractAppender {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        Appender(Layout<?> layout) {
            super("captured-" + System.nanoTime(), null, layout, false, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
