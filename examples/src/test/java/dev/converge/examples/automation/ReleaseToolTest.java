package dev.converge.examples.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.providers.local.LocalFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/automation.md: the page shows exactly the code of {@link ReleaseTool}, and
 * that code releases, refuses a deleting plan and rolls back, against real files.
 */
class ReleaseToolTest {

    @TempDir
    Path workDir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private Program greeting(String text) {
        String path = workDir.resolve("run/greeting.txt").toString();
        return stack -> stack.add(LocalFile.of("greeting").path(path).content(text + "\n"));
    }

    private String log() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return text;
    }

    @Test
    void releasesReportsEachResourceAndDoesNothingTheSecondTime() throws IOException {
        assertThat(ReleaseTool.release(greeting("Hello"), "dev", workDir, log)).isTrue();
        assertThat(log()).contains("plan: Plan: 1 to add, 0 to change, 0 to destroy.", "  greeting: CREATE done",
                "greeting CREATE SUCCEEDED", "APPLIED, release 1");
        assertThat(Files.readString(workDir.resolve("run/greeting.txt"))).isEqualTo("Hello\n");

        assertThat(ReleaseTool.release(greeting("Hello"), "dev", workDir, log)).isTrue();
        assertThat(log()).doesNotContain("plan:").contains("NO_CHANGES");
    }

    @Test
    void refusesAPlanThatDeletesAndChangesNothing() {
        assertThat(ReleaseTool.release(greeting("Hello"), "dev", workDir, log)).isTrue();
        log();
        assertThat(ReleaseTool.release(stack -> { }, "dev", workDir, log)).isFalse();
        assertThat(log()).contains("plan: Plan: 0 to add, 0 to change, 1 to destroy.", "DECLINED");
        assertThat(workDir.resolve("run/greeting.txt")).exists();
    }

    @Test
    void reportsAProgramThatCannotBePlannedWithoutChangingAnything() {
        Program broken = stack -> stack.add(LocalFile.of("greeting").content("no path\n"));
        assertThat(ReleaseTool.release(broken, "dev", workDir, log)).isFalse();
        assertThat(log()).contains("Error: greeting").doesNotContain("plan:");
        assertThat(workDir.resolve(".converge/dev/state.json")).doesNotExist();
    }

    @Test
    void rollsBackToThePreviousReleaseAndPinsTheStack() throws IOException {
        assertThat(ReleaseTool.release(greeting("Hello"), "dev", workDir, log)).isTrue();
        assertThat(ReleaseTool.release(greeting("Moin"), "dev", workDir, log)).isTrue();
        log();
        assertThat(ReleaseTool.rollBack(greeting("Moin"), "dev", workDir, log)).isTrue();
        assertThat(log()).contains("rolled back from serial 2 to 1, pinned");
        assertThat(Files.readString(workDir.resolve("run/greeting.txt"))).isEqualTo("Hello\n");
        assertThat(ReleaseTool.release(greeting("Moin"), "dev", workDir, log)).isFalse();
        assertThat(log()).contains("pinned to serial 1 by a rollback");
    }

    @Test
    void theAutomationPageShowsExactlyThisCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        root = Files.isDirectory(root.resolve("docs")) ? root : root.getParent();
        String page = Files.readString(root.resolve("docs/automation.md"));
        String source = Files.readString(root.resolve(
                "examples/src/main/java/dev/converge/examples/automation/ReleaseTool.java"));
        Matcher marked = Pattern.compile("(?s)// docs:begin\\n(.*?)\\n\\s*// docs:end").matcher(source);
        assertThat(marked.find()).as("ReleaseTool marks the code the page shows").isTrue();
        Matcher shown = Pattern.compile("(?s)<!-- ReleaseTool -->\\n```java\\n(.*?)\\n```").matcher(page);
        assertThat(shown.find()).as("docs/automation.md has the ReleaseTool block").isTrue();
        assertThat(shown.group(1)).isEqualTo(unindent(marked.group(1)));
    }

    /** The lines without the indentation they share. */
    private static String unindent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
