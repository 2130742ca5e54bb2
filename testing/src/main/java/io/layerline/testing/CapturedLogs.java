package io.layerline.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything this JVM logs from the moment of {@link #capture()} — each event's logger, message, arguments, MDC and
 * stack trace as text — so a test can search it, for instance for a secret that must never be written.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();

    private CapturedLogs() {
    }

    /** Starts capturing at the root logger. */
    public static CapturedLogs capture() {
        CapturedLogs logs = new CapturedLogs();
        logs.setName("captured");
        logs.attach();
        return logs;
    }

    /**
     * Captures again after the logging was configured anew — Micronaut resets Logback when it applies
     * {@code logger.levels} at start-up — keeping what was captured before.
     */
    public void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(getName()) == null) {
            root.addAppender(this);
        }
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                + event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                line.append(" | ").append(argument);
            }
        }
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(" ").append(event.getMDCPropertyMap());
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(line.toString());
    }

    /** What was logged so far, an entry per event. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
