package dev.converge.api;

/**
 * The value of a property that is known only after apply, for example the IP address of a
 * container that does not exist yet.
 */
public enum Unknown {
    INSTANCE;

    @Override
    public String toString() {
        return "(known after apply)";
    }
}
