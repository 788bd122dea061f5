package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition of the cluster until it holds, or fails naming what was awaited and what was seen. */
final class Waits {

    private Waits() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (AssertionError e) {
                throw e;
            } catch (RuntimeException e) {
                last = e; // the API server may be briefly unavailable; keep polling
            }
            sleep(Duration.ofMillis(500));
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")") + "\n" + seen.get());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
