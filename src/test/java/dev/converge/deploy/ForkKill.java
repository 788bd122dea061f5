package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** SIGKILL of a forked deploy at a chosen moment: once a client request was answered by the new version. */
public final class ForkKill {

    private ForkKill() {
    }

    /**
     * Waits until {@code client} got an answer from {@code version} (at most {@code within}; the fork must
     * still run), then SIGKILLs {@code fork}: no shutdown hook runs, the dying process saves nothing.
     */
    public static void whenAnsweredBy(String version, TrafficClient client, Process fork, Path log, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (client.results().stream().noneMatch(r -> r.answer().equals(version))) {
            assertThat(fork.isAlive()).as("the deploy ended before its first step:\n%s", read(log)).isTrue();
            assertThat(System.nanoTime()).as("no request reached %s within %s:\n%s", version, within, read(log))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        fork.destroyForcibly();
        assertThat(fork.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fork.exitValue()).isEqualTo(137);
    }

    /** The fork's output so far. */
    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
