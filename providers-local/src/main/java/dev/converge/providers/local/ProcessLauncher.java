package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a {@code local:Process} detached from the caller: its own session, stdin from
 * {@code /dev/null}, stdout and stderr appended to log files, the ownership and the declared inputs
 * in its environment.
 */
final class ProcessLauncher {

    /** Environment variables that tie a process to its stack and address, for {@code findOwned}. */
    static final String STACK_ENV = "CONVERGE_STACK";
    static final String ADDRESS_ENV = "CONVERGE_ADDRESS";
    /** The declared inputs ({@link InputsCodec}), so an adopted process reports exactly those. */
    static final String INPUTS_ENV = "CONVERGE_INPUTS";

    private static final Optional<String> SETSID = findSetsid();

    /**
     * A started process.
     *
     * @param startTime see {@link LocalProcess.Outputs#startTime()}; empty if it already exited
     */
    record Started(Process process, long pid, Optional<Long> startTime, Path stdoutLog, Path stderrLog) {
    }

    private final Workspace workspace;

    ProcessLauncher(Workspace workspace) {
        this.workspace = workspace;
    }

    Started start(Address address, Map<String, Object> inputs, Ownership owner) {
        Path logDirectory = directory(inputs, "logDirectory", workspace.logDirectory());
        Path workingDirectory = directory(inputs, "workingDirectory", workspace.workDir());
        if (!Files.isDirectory(workingDirectory)) {
            throw ProviderException.fatal(address + ": working directory " + workingDirectory
                    + " does not exist; create it first (for example with a LocalDirectory)");
        }
        // The whole address, so web in two components (a/web, b/web) never shares log files.
        String name = address.isRoot() ? "process" : String.join(".", address.segments());
        Path out = logDirectory.resolve(name + ".out.log");
        Path err = logDirectory.resolve(name + ".err.log");
        ProcessBuilder builder = new ProcessBuilder(argv(address, inputs)).directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        environment(builder.environment(), inputs, owner);
        try {
            Files.createDirectories(logDirectory);
            Process process = builder.start();
            return new Started(process, process.pid(), ProcessTable.startTime(process.pid()), out, err);
        } catch (IOException e) {
            throw ProviderException.fatal(address + ": cannot start " + Values.listOf(inputs, "command") + ": "
                    + e.getMessage() + "; check that the program exists and is executable", e);
        }
    }

    /** {@code setsid} (when the host has it), then the command and its arguments. */
    static List<String> argv(Address address, Map<String, Object> inputs) {
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add);
        for (Object part : Values.listOf(inputs, "command")) {
            argv.add(String.valueOf(part));
        }
        if (argv.size() == (SETSID.isPresent() ? 1 : 0)) {
            throw ProviderException.fatal(address + ": 'command' is empty; set the program to run");
        }
        for (Object part : Values.listOf(inputs, "args")) {
            argv.add(String.valueOf(part));
        }
        return argv;
    }

    private static void environment(Map<String, String> environment, Map<String, Object> inputs, Ownership owner) {
        Map<String, Object> declared = Values.mapOf(inputs, "env");
        declared.forEach((key, value) -> environment.put(key, String.valueOf(value)));
        environment.put(STACK_ENV, owner.stack());
        environment.put(ADDRESS_ENV, owner.address().toString());
        environment.put(INPUTS_ENV, InputsCodec.encode(inputs));
    }

    private Path directory(Map<String, Object> inputs, String key, Path fallback) {
        String declared = Values.string(inputs, key);
        return declared == null || declared.isBlank() ? fallback : workspace.resolve(declared);
    }

    /** Whether processes are started in their own session here. */
    static boolean detaches() {
        return SETSID.isPresent();
    }

    private static Optional<String> findSetsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
