package dev.converge.operator.controller;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The controller's log (standard error through slf4j-simple in the image: {@code kubectl logs}). */
final class Log {

    private static final Logger LOG = LoggerFactory.getLogger("converge-operator");

    private Log() {
    }

    static void info(String message) {
        LOG.info(message);
    }

    static void warn(String message) {
        LOG.warn(message);
    }

    static void error(String message, Throwable error) {
        LOG.error(message, error);
    }
}
