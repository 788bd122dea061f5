package dev.converge.engine.state;

import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Increments a counter document {@code count} times with compare-and-set, retrying lost races. Run
 * by {@link CrossProcessTest} in this JVM and in a forked one at the same time: no update may be lost.
 */
public final class CasCounter {

    private CasCounter() {
    }

    public static void main(String[] args) {
        increment(new LocalStateBackend(Path.of(args[0])), Integer.parseInt(args[1]));
    }

    static int increment(LocalStateBackend backend, int count) {
        StateStore store = backend.store("counter");
        int conflicts = 0;
        for (int done = 0; done < count; ) {
            Optional<StateStore.StoredState> current = store.read();
            long value = current.map(s -> Long.parseLong(new String(s.bytes(), StandardCharsets.UTF_8))).orElse(0L);
            try {
                store.write(String.valueOf(value + 1).getBytes(StandardCharsets.UTF_8),
                        current.map(StateStore.StoredState::version).orElse(null));
                done++;
            } catch (StateConflictException e) {
                conflicts++;
            }
        }
        return conflicts;
    }
}
