package dev.converge.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line without an engine: usage, help of every command, and usage errors. */
class RootCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return RootCommand.execute(() -> {
            throw new AssertionError("help and usage errors need no engine");
        }, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyListedCommandShowsItsOwnHelp() {
        assertThat(run()).isZero();
        String usage = out();
        List<String> commands = usage.lines().dropWhile(line -> !line.equals("Commands:")).skip(1)
                .takeWhile(line -> !line.isBlank()).map(line -> line.strip().split(" ")[0]).toList();
        assertThat(commands).contains("plan", "apply", "destroy", "state", "rollback").hasSizeGreaterThan(15);
        for (String command : commands) {
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out()).as(command).startsWith("Usage: converge " + command + " ");
        }
        assertThat(run("state", "rm", "-h")).isZero();
        assertThat(out()).startsWith("Usage: converge state rm [OPTIONS] ADDRESS...");
    }

    @Test
    void versionAndHelpOfTheRoot() {
        assertThat(run("--version")).isZero();
        assertThat(out()).isEqualTo(RootCommand.VERSION + System.lineSeparator());
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("Usage: converge COMMAND").contains("Exit codes:");
    }

    @Test
    void aMisspeltCommandIsAnErrorWithSuggestions() {
        assertThat(run("aply", "--auto-approve")).isEqualTo(1);
        assertThat(err()).contains("Error: Unknown command: 'aply'", "Did you mean: apply?",
                "Run with --help to see the usage.");
        assertThat(run("state", "lsit")).isEqualTo(1);
        assertThat(err()).contains("Unknown command: 'lsit'", "Did you mean: list?");
        assertThat(run("--bogus")).isEqualTo(1);
        assertThat(err()).contains("Unknown option: '--bogus'");
        assertThat(out()).isEmpty();
    }
}
