package dev.converge.api.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verification written in Java, run like an {@link HttpProbe} against the version under test before
 * (and, for a canary, between) traffic steps: a smoke test of a business flow, a query of the new
 * version's metrics, a comparison with the stable version. A failed check rolls traffic back exactly as
 * a failed probe does. Add it with {@link Deployment#verify(String, VersionCheck)}.
 *
 * <p>State records only the check's name; the check itself lives in the program, so it runs in the
 * process that evaluated the program ({@code apply}, {@code deploy}, {@code promote} of that program).
 * Implementations must be thread-safe and should finish within seconds.
 */
@FunctionalInterface
public interface VersionCheck {

    /** Checks the version under test; empty when it passes, otherwise the reason it fails. */
    Optional<String> check(Candidate candidate);

    /**
     * The version under test.
     *
     * @param endpoint the preview endpoint that reaches only this version, such as {@code http://127.0.0.1:32768}
     * @param version its slot, such as {@code green}
     * @param inputs the inputs its instance was created with (image, environment, ...)
     */
    record Candidate(String endpoint, String version, Map<String, Object> inputs) {
        public Candidate {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(version, "version");
            inputs = Map.copyOf(inputs);
        }
    }

    /** The checks of the programs evaluated in this process, by name; the last declaration of a name wins. */
    final class Registry {
        private static final Map<String, VersionCheck> CHECKS = new ConcurrentHashMap<>();

        private Registry() {
        }

        static void register(String name, VersionCheck check) {
            CHECKS.put(name, check);
        }

        /** The check declared under {@code name} in this process, if any. */
        public static Optional<VersionCheck> find(String name) {
            return Optional.ofNullable(CHECKS.get(name));
        }
    }
}
