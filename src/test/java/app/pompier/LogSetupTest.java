package app.pompier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LogSetupTest {
    @Test
    void pompier_logs_one_line_per_event_to_standard_output_with_the_libraries_at_warn() {
        // The JVM's own context, as Logback set it up through the service file: the way a started Pompier logs.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("com.slack.api.methods").getEffectiveLevel());
        assertEquals(LogSetup.level(System.getenv("POMPIER_LOG_LEVEL")), root.getLevel());
    }

    @Test
    void the_level_is_read_from_pompier_log_level_in_any_case_and_is_info_when_unset_or_unknown() {
        assertEquals(Level.INFO, LogSetup.level(null));
        assertEquals(Level.INFO, LogSetup.level(" "));
        assertEquals(Level.DEBUG, LogSetup.level("debug"));
        assertEquals(Level.WARN, LogSetup.level(" WARN "));
        assertEquals(Level.INFO, LogSetup.level("loud"));
    }
}
