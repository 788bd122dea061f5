package dev.converge.testing;

/** The provider operations a {@link FakeProvider} records and can fail. */
public enum Operation {
    CREATE,
    READ,
    UPDATE,
    DELETE,
    /** A lookup of an object Converge does not manage. */
    LOOKUP
}
