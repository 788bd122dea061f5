package dev.converge.engine.state;

/** A state document or journal record that cannot be parsed: truncated, damaged or hand-edited badly. */
final class CorruptStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }

    CorruptStateException(String message) {
        super(message);
    }
}
