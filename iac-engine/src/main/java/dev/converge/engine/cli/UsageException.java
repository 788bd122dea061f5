package dev.converge.engine.cli;

import java.util.List;

/**
 * A command line that cannot be run as written: an unknown command or option, a missing or malformed value.
 * The command line prints the message, the suggestions and how to see the usage, and exits with 1.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Names close to a misspelt one ("Did you mean"), possibly none. */
    private final transient List<String> suggestions;

    UsageException(String message) {
        this(message, List.of());
    }

    UsageException(String message, List<String> suggestions) {
        super(message);
        this.suggestions = List.copyOf(suggestions);
    }

    List<String> suggestions() {
        return suggestions;
    }
}
