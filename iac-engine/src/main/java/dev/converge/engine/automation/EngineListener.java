package dev.converge.engine.automation;

/**
 * Receives the {@link EngineEvent}s of a {@link StackEngine}'s operations as they happen. The engine calls
 * it one event at a time (never concurrently, so it needs no locking), from the thread that did the work;
 * keep it quick, as provider calls wait for it. An exception it throws is logged and the operation goes on:
 * a listener never changes what an operation does. A JSON-lines writer is one line:
 * {@code event -> out.println(toJson(event))}.
 */
@FunctionalInterface
public interface EngineListener {

    void onEvent(EngineEvent event);

    /** A listener that ignores every event. */
    static EngineListener none() {
        return event -> { };
    }
}
