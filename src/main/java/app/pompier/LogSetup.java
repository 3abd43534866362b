package app.pompier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.List;

/**
 * Pompier's logging, set up in code (found by Logback through {@code META-INF/services}): one line per event on
 * standard output, at {@code POMPIER_LOG_LEVEL} (INFO by default), the chatty libraries at WARN. A logback.xml read
 * by Logback's XML reader cost every start a quarter of a second (its parser and 500 classes), before anything else.
 * An operator's own file still wins: {@code -Dlogback.configurationFile=/etc/pompier/logback.xml}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    private static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "org.flywaydb",
            "com.slack.api", "de.focus_shift", "com.github.kagkarlsson");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv("POMPIER_LOG_LEVEL")));
        root.addAppender(console);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level named (any case), INFO when unset; a name Logback does not know is INFO too, as it was in XML. */
    static Level level(String name) {
        return name == null || name.isBlank() ? Level.INFO : Level.toLevel(name.trim(), Level.INFO);
    }
}
