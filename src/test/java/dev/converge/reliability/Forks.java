package dev.converge.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link CrashMain} in a fresh JVM with this JVM's class path, tuned for start-up speed. The
 * child's stdout and stderr go to one log file (never a pipe that could fill up and block it).
 */
final class Forks {

    /** A finished fork. */
    record Result(int exitCode, String output) {
        boolean crashed() {
            return exitCode == CrashSwitch.HALT_STATUS;
        }
    }

    private static String classPath;

    private Forks() {
    }

    /**
     * This JVM's class path (surefire's real one, not its manifest-only jar), with the test classes and
     * Converge's own jars copied to a private directory first: other builds on the machine may
     * recompile or reinstall them while forks still start. The copy is removed when this JVM exits.
     */
    static synchronized String classPath() {
        if (classPath == null) {
            String real = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            try {
                Path copies = Files.createTempDirectory("converge-reliability-classpath");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Dirs.delete(copies)));
                List<String> entries = new ArrayList<>();
                int i = 0;
                for (String entry : real.split(java.io.File.pathSeparator)) {
                    Path path = Path.of(entry);
                    // Converge's jars, or a reactor's classes directories (recompiled by other builds too)
                    boolean ours = path.toString().contains("converge") || Files.isDirectory(path);
                    if (ours && Files.exists(path)) {
                        Path copy = copies.resolve(i++ + "-" + path.getFileName());
                        if (Files.isDirectory(path)) {
                            Dirs.copy(path, copy);
                        } else {
                            Files.copy(path, copy);
                        }
                        entries.add(copy.toString());
                    } else {
                        entries.add(entry);
                    }
                }
                classPath = String.join(java.io.File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    static Process start(Path log, String... args) {
        return start(log, List.of(), java.util.Map.of(), args);
    }

    /**
     * Starts {@link CrashMain} with extra JVM options (such as a simulated host identity) and extra
     * environment variables ({@code CONVERGE_LOCK_*} reach its run; see {@link CrashMain#environment}).
     */
    static Process start(Path log, List<String> jvmOptions, java.util.Map<String, String> environment,
            String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx128m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), CrashMain.class.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fork " + command, e);
        }
    }

    /** Runs a fork to its end (at most two minutes) and returns its exit code and output. */
    static Result run(Path log, String... args) {
        Process process = start(log, args);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("fork did not finish within 120s: " + String.join(" ", args)
                        + "\n" + read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
        return new Result(process.exitValue(), read(log));
    }

    /**
     * Waits until the fork printed its plan (it then holds the lock and starts changing things), waits
     * {@code millis} more and kills it if it still runs (it may still finish first).
     */
    static void killAfterPlan(Process process, Path log, int millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (process.isAlive() && !Forks.read(log).contains("Plan:") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the fork did not end\n" + Forks.read(log));
        }
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
