package dev.converge.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script, run as a user runs it: real JVMs, a real class data sharing archive. */
class LauncherTest {

    private static final String MAIN = LauncherTestProgram.class.getName();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    @Test
    void theFirstRunMakesAnArchiveThatLaterRunsLoadTheProgramFrom() throws Exception {
        Path script = dir.resolve("target/converge");
        Launcher.write(script, MAIN, List.of(programJar()));
        Path classes = dir.resolve("classes.log");

        Run first = run(script, Map.of(), "hello", "3");
        assertThat(first).isEqualTo(new Run(3, "hello\n", ""));
        assertThat(archives()).hasSize(1).allSatisfy(archive -> assertThat(archive.getFileName().toString())
                .startsWith(MAIN + "-").endsWith(".jsa"));

        Run second = run(script, Map.of("CONVERGE_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "again", "0");
        assertThat(second).isEqualTo(new Run(0, "again\n", ""));
        assertThat(Files.readString(classes)).contains(MAIN + " source: shared objects file (top)");

        Run without = run(script, Map.of("CONVERGE_CDS", "off", "CONVERGE_JAVA_OPTS", "-Xlog:class+load:file="
                + classes), "plain", "2");
        assertThat(without).isEqualTo(new Run(2, "plain\n", ""));
        assertThat(Files.readString(classes)).doesNotContain("shared objects file (top)");
    }

    @Test
    void aChangedClassPathNamesANewArchiveAndRemovesTheOld() throws Exception {
        Path script = dir.resolve("target/converge");
        Path jar = programJar();
        Launcher.write(script, MAIN, List.of(jar));
        run(script, Map.of(), "one", "0");
        List<Path> before = archives();

        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(run(script, Map.of(), "two", "0").out()).isEqualTo("two\n");

        assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aDirectoryOnTheClassPathRunsWithoutAnArchive() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("note.txt"), "a directory CDS cannot archive");
        Path script = dir.resolve("target/converge");
        Launcher.write(script, MAIN, List.of(programJar(), classes));

        assertThat(Files.readString(script)).contains("jars_only=false");
        assertThat(run(script, Map.of(), "dir", "1")).isEqualTo(new Run(1, "dir\n", ""));
        assertThat(dir.resolve("target/converge-cds")).doesNotExist();
    }

    @Test
    void quotesClassPathsForTheShell() {
        assertThat(Launcher.shellQuoted("/a b/it's.jar")).isEqualTo("'/a b/it'\\''s.jar'");
    }

    private Run run(Path script, Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), Stream.of(args))
                .toList()).directory(dir.toFile());
        builder.environment().remove("CONVERGE_CDS");
        builder.environment().remove("CONVERGE_JAVA_OPTS");
        builder.environment().remove("CONVERGE_MAIN_CLASS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("target/converge-cds"))) {
            return files.filter(file -> file.toString().endsWith(".jsa")).toList();
        }
    }

    /** A jar holding the test program: an archive is only made for a class path of jars. */
    private Path programJar() throws IOException {
        Path jar = dir.resolve("program.jar");
        String entry = MAIN.replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                InputStream in = LauncherTestProgram.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }
}
