package dev.converge.spi.state;

/** A compare-and-set write lost against another writer; nothing was written. */
public class StateConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateConflictException(String message) {
        super(message);
    }
}
