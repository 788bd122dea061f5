package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.KEY;
import static dev.converge.engine.state.StateFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real second process holds the lock and is killed with SIGKILL: refused, then taken over and recovered. */
class CrossProcessTest {

    @TempDir
    Path root;

    @Test
    void aKilledHoldersLockIsTakenOverAndItsJournalRecovered() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingHolder.class.getName(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertThat(ready).as("child output").startsWith("READY ");
            String lockId = ready.substring("READY ".length());
            LocalStateBackend backend = new LocalStateBackend(root);

            assertThatThrownBy(() -> StateSession.open(backend, "dev", options(KEY), FAST))
                    .isInstanceOf(ConvergeException.class)
                    .hasMessageContainingAll("is locked", lockId, "pid " + child.pid())
                    .message().doesNotContain("STALE");

            child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook, no commit
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (StateSession recovery = StateSession.open(backend, "dev", options(KEY), FAST)) {
                assertThat(recovery.takeover().orElseThrow().describe()).contains("lock " + lockId)
                        .contains("its process " + child.pid()).contains("no longer running");
                assertThat(recovery.state().resource(Address.of("db"))).isEqualTo(StateFixtures.withSecret("db"));
                assertThat(recovery.pendingIntents()).extracting(StateSession.PendingIntent::address)
                        .isEqualTo(List.of(Address.of("web")));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void compareAndSetLosesNoUpdateBetweenProcesses() throws Exception {
        int each = 150;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CasCounter.class.getName(), root.toString(),
                String.valueOf(each)).redirectErrorStream(true).start();
        try {
            CasCounter.increment(new LocalStateBackend(root), each);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
            byte[] bytes = new LocalStateBackend(root).store("counter").read().orElseThrow().bytes();
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(String.valueOf(2 * each));
        } finally {
            child.destroyForcibly();
        }
    }
}
