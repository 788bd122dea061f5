package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged, truncated, future-format or foreign state (or journal) is refused by every command that
 * reads it, with exit code 1, a message that says what is wrong and points at history, and not one
 * byte changed on disk or in the cloud.
 */
class StateIntegrityRefusalTest {

    private static final List<List<String>> COMMANDS = List.of(List.of("plan"), List.of("apply", "--auto-approve"),
            List.of("refresh"), List.of("destroy", "--auto-approve"), List.of("state", "list"), List.of("output"));

    @TempDir
    Path dir;

    private CloudStack stack;
    private Path stateFile;

    @BeforeEach
    void twoVersionsApplied() {
        stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        assertThat(stack.cli(1, "apply", "--auto-approve").exitCode()).isZero();
        assertThat(stack.cli(2, "apply", "--auto-approve").exitCode()).isZero();
        stateFile = stackDir("dev").resolve("state.json");
    }

    @Test
    void truncatedStateIsRefusedPointingAtTheNewestGoodVersion() throws IOException {
        byte[] whole = Files.readAllBytes(stateFile);
        Files.write(stateFile, Arrays.copyOf(whole, whole.length / 2));
        assertRefusedEverywhere("is damaged or truncated", "The newest good version in history is serial 1",
                stackDir("dev").resolve("history").resolve("1.json").toString(), "state history --stack dev");
    }

    @Test
    void garbageAndIncompleteStatesAreRefused() throws IOException {
        Files.write(stateFile, new byte[] {0x00, (byte) 0xff, 'P', 'K', 0x03, 0x04, '{', '{'});
        assertRefusedEverywhere("is damaged or truncated", "serial 1", "state history --stack dev");
        Files.writeString(stateFile, "{\"version\":1,\"stack\":\"dev\"}");
        assertRefusedEverywhere("is damaged or truncated", "lacks one of version, stack, lineage, serial",
                "serial 1");
    }

    @Test
    void stateOfAFutureFormatVersionIsRefused() throws IOException {
        String text = Files.readString(stateFile).replaceFirst("\"version\"\\s*:\\s*" + State.FORMAT_VERSION,
                "\"version\": 99");
        Files.writeString(stateFile, text);
        assertRefusedEverywhere("has state format version 99, but this Converge reads only up to version "
                + State.FORMAT_VERSION,
                "Upgrade Converge", "the file was not changed");
    }

    @Test
    void stateOfAnotherStackIsRefused() throws IOException {
        assertThat(stack.cli(1, "apply", "--auto-approve", "--stack", "prod").exitCode()).isZero();
        Files.copy(stackDir("prod").resolve("state.json"), stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefusedEverywhere("belongs to stack 'prod'", "refusing to use it for stack 'dev'",
                "state history --stack dev");
    }

    @Test
    void journalOfAnotherLineageIsRefused() throws IOException {
        leavePendingIntent();
        CloudStack other = new CloudStack(dir.resolve("other"), dir.resolve("other-cloud"));
        assertThat(other.cli(1, "apply", "--auto-approve").exitCode()).isZero();
        Files.copy(other.workDir.resolve(".converge/dev/state.json"), stateFile,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefusedEverywhere("does not match the state document", "belongs to lineage", "state history");
    }

    /**
     * Only a torn last record can come from a crash; a damaged record followed by intact ones is
     * damage, and skipping it would also drop every later record (their outcomes, so created objects
     * would leak) as soon as the next append cuts the "torn tail" off.
     */
    @Test
    void journalDamagedBeforeItsLastRecordIsRefused() throws IOException {
        leavePendingIntent();
        Path journal = stackDir("dev").resolve("journal.log");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.ISO_8859_1);
        assertThat(lines).as("header, intent, failure, intent").hasSizeGreaterThanOrEqualTo(4);
        byte[] bytes = Files.readAllBytes(journal);
        int inSecondRecord = lines.get(0).length() + 1 + lines.get(1).length() / 2;
        bytes[inSecondRecord] = (byte) (bytes[inSecondRecord] ^ 0x20);
        Files.write(journal, bytes);
        assertRefusedEverywhere("of the journal of stack 'dev'", "is damaged", "nothing was changed");
    }

    /** A session that begins three steps and ends without commit: the journal keeps a pending intent. */
    private void leavePendingIntent() {
        LocalStateBackend backend = new LocalStateBackend(stack.workDir.resolve(".converge"));
        try (StateSession session = StateSession.open(backend, "dev", new StateSession.Options("test", Duration.ZERO,
                Map.of()))) {
            long first = session.begin(Address.parse("lost"), JournalOperation.CREATE, DurableCloud.BOX, null);
            session.recordFailed(first, "gave up");
            session.begin(Address.parse("lost"), JournalOperation.CREATE, DurableCloud.BOX, null);
        }
    }

    private void assertRefusedEverywhere(String... expected) {
        Map<String, String> state = Dirs.hashes(stack.workDir);
        Map<String, String> cloud = Dirs.hashes(stack.cloudDir);
        for (List<String> command : COMMANDS) {
            CloudStack.Run run = stack.cli(2, command.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s\n%s", command, run.all()).isEqualTo(1);
            assertThat(run.err()).as("%s", command).contains(expected).doesNotContain("unexpected failure")
                    .doesNotContain("Exception");
            assertThat(Dirs.hashes(stack.workDir)).as("%s changed no byte of state", command)
                    .containsExactlyInAnyOrderEntriesOf(state);
            assertThat(Dirs.hashes(stack.cloudDir)).as("%s changed nothing in the cloud", command)
                    .containsExactlyInAnyOrderEntriesOf(cloud);
        }
    }

    private Path stackDir(String name) {
        return new LocalStateBackend(stack.workDir.resolve(".converge")).stackDir(name);
    }
}
