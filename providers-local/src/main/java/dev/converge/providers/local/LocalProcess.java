package dev.converge.providers.local;

import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.ResourceArgs;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A long-running service on the local host ({@code local:Process}): an immutable server.
 *
 * <pre>{@code
 * stack.add(LocalProcess.of("web").command("java", "-jar", "web.jar")
 *     .env("PORT", "8080").httpCheck("http://127.0.0.1:8080/health"));
 * }</pre>
 *
 * <p>The process starts in its own session ({@code setsid}) with stdin from {@code /dev/null} and
 * stdout/stderr appended to {@code <name>.out.log}/{@code <name>.err.log} in the log directory (the
 * name is the address with dots for slashes: {@code web}, or {@code shop.web} in component {@code shop}), so it
 * outlives the command line that started it and never holds its pipes. It inherits the caller's
 * environment plus {@code env}, {@code CONVERGE_STACK}, {@code CONVERGE_ADDRESS} and
 * {@code CONVERGE_INPUTS} (its declared inputs, so that crash recovery can adopt it unchanged). Create returns
 * once every readiness check passes (or, without checks, once it survived a short grace period).
 * It is tracked by pid and start time, so a reused pid is never mistaken for it. Every change
 * replaces it, deleting the old process first (it usually holds a fixed port). Delete sends SIGTERM to
 * its process group, then SIGKILL after a few seconds. Immutable.
 */
public final class LocalProcess extends ResourceArgs<LocalProcess, LocalProcess.Outputs> {

    /**
     * What a started process exposes.
     *
     * @param id the pid as text
     * @param pid the process id, also its process group and session id
     * @param startTime when it started, in the host's clock ticks since boot (Linux)
     * @param stdoutLog the file its standard output goes to
     * @param stderrLog the file its standard error goes to
     */
    public record Outputs(String id, long pid, long startTime, String stdoutLog, String stderrLog) {
    }

    private LocalProcess(Declaration declaration) {
        super(declaration);
    }

    /**
     * A new builder for the resource {@code name}. (Named {@code of}, not {@code named}: a static
     * {@code named(String)} clashes with {@code ResourceArgs#named(String)}, the instance renamer.)
     */
    public static LocalProcess of(String name) {
        return new LocalProcess(Declaration.of(LocalSchemas.PROCESS, name));
    }

    /** The program and its first arguments; replaces any command set before. */
    public LocalProcess command(String... command) {
        return with("command", List.copyOf(Arrays.asList(command)));
    }

    /**
     * Runs {@code mainClass} in a new JVM: the java binary running this program (under {@code mvn exec:java},
     * Maven's), with the directory or jar the class was loaded from as its class path. For a JDK-only
     * service kept beside the program, as in the quick start; a real service brings its own command.
     */
    public LocalProcess javaMain(Class<?> mainClass) {
        return command(javaBinary(), "-cp", codeSource(mainClass), mainClass.getName());
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /** The command as a list whose elements may be plain strings or {@code Output<String>}. */
    public LocalProcess command(List<?> command) {
        return with("command", List.copyOf(command));
    }

    /** Appends one argument after the command; plain or an {@link Output}. */
    public LocalProcess arg(Object argument) {
        return withElement("args", argument);
    }

    public LocalProcess env(String name, String value) {
        return withEntry("env", name, value);
    }

    /** An environment variable known only after apply; a reference makes a graph edge. */
    public LocalProcess env(String name, Output<?> value) {
        return withEntry("env", name, value);
    }

    public LocalProcess workingDirectory(String directory) {
        return with("workingDirectory", directory);
    }

    public LocalProcess workingDirectory(Output<String> directory) {
        return with("workingDirectory", directory);
    }

    /** Where the log files go; default {@code .converge/logs} under the working directory. */
    public LocalProcess logDirectory(String directory) {
        return with("logDirectory", directory);
    }

    public LocalProcess logDirectory(Output<String> directory) {
        return with("logDirectory", directory);
    }

    /** Ready once this URL answers with a 2xx status. */
    public LocalProcess httpCheck(String url) {
        return with("httpCheck", url);
    }

    /** Ready once {@code host:port} accepts a TCP connection. */
    public LocalProcess tcpCheck(String hostPort) {
        return with("tcpCheck", hostPort);
    }

    @Override
    protected LocalProcess wrap(Declaration next) {
        return new LocalProcess(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Views.string(values, "id"), Views.number(values, "pid"),
                Views.number(values, "startTime"), Views.string(values, "stdoutLog"),
                Views.string(values, "stderrLog"));
    }
}
