package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandler;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, watches and stops {@code local:Process}es. A process is identified by its pid (the id) and
 * its start time (an output), so a pid reused by another program reads as gone and is never killed.
 */
final class ProcessHandler implements ResourceHandler {

    /** Without readiness checks, a process counts as started once it stayed up this long. */
    static final Duration GRACE = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_STOP_GRACE = Duration.ofSeconds(5);

    private final ProcessLauncher launcher;

    ProcessHandler(Workspace workspace) {
        this.launcher = new ProcessLauncher(workspace);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = Values.revealMap(request.inputs());
        refuseIfSomeoneElseIsReady(request.address(), inputs);
        ProcessLauncher.Started started = launcher.start(request.address(), inputs, request.owner());
        try {
            awaitReady(request.address(), inputs, started, Workspace.timeoutOr(request.timeout()));
        } catch (RuntimeException e) {
            stopQuietly(request.address(), started);
            throw e;
        }
        long startTime = started.startTime().orElseThrow(() -> ProviderException.fatal(request.address()
                + ": process " + started.pid() + " exited at once; see " + started.stderrLog()));
        return new CreateResponse(Long.toString(started.pid()), outputs(inputs, started.pid(), startTime,
                started.stdoutLog().toString(), started.stderrLog().toString()));
    }

    /**
     * A check that passes before the process even started would pass for the wrong program (one that
     * holds the port), and the new process would then fail to bind.
     */
    private static void refuseIfSomeoneElseIsReady(Address address, Map<String, Object> inputs) {
        String httpCheck = Values.string(inputs, "httpCheck");
        String tcpCheck = Values.string(inputs, "tcpCheck");
        if ((httpCheck != null || tcpCheck != null) && Readiness.probe(httpCheck, tcpCheck).isEmpty()) {
            throw ProviderException.retryable(address + ": " + (tcpCheck != null ? tcpCheck : httpCheck)
                    + " already answers before the process started: another program holds its port. Stop that "
                    + "program (or change the port) and apply again; if it is this resource's old instance, do not "
                    + "use createBeforeReplace() on it");
        }
    }

    private static void awaitReady(Address address, Map<String, Object> inputs, ProcessLauncher.Started started,
            Duration timeout) {
        String httpCheck = Values.string(inputs, "httpCheck");
        String tcpCheck = Values.string(inputs, "tcpCheck");
        boolean hasChecks = httpCheck != null || tcpCheck != null;
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        String lastFailure = "not probed yet";
        while (true) {
            if (!started.process().isAlive()) {
                throw exitedEarly(address, started);
            }
            if (hasChecks) {
                Optional<String> failure = Readiness.probe(httpCheck, tcpCheck);
                if (failure.isEmpty()) {
                    return;
                }
                lastFailure = failure.get();
            } else if (System.nanoTime() - begin >= GRACE.toNanos()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw ProviderException.fatal(address + ": process " + started.pid() + " did not become ready within "
                        + timeout.toSeconds() + "s (" + lastFailure + "); it was stopped. See its logs "
                        + started.stdoutLog() + " and " + started.stderrLog()
                        + ", or raise the create timeout");
            }
            Signals.sleep(POLL);
        }
    }

    private static ProviderException exitedEarly(Address address, ProcessLauncher.Started started) {
        return ProviderException.fatal(address + ": process " + started.pid() + " exited with code "
                + started.process().exitValue() + " before it was ready; last lines of " + started.stderrLog()
                + ":\n" + tail(started.stderrLog(), 10));
    }

    private static void stopQuietly(Address address, ProcessLauncher.Started started) {
        started.startTime().ifPresent(startTime -> {
            try {
                Signals.stop(address, started.pid(), startTime, Duration.ofSeconds(2));
            } catch (RuntimeException ignored) {
                // The original failure matters more; a survivor is found again by findOwned.
            }
        });
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        long pid = pid(request.address(), request.id());
        if (!isOurs(pid, request.priorOutputs(), request.address())) {
            return ReadResponse.gone();
        }
        // Nothing of a running process can change in place, so its inputs are what it started with.
        return ReadResponse.found(request.priorInputs(), request.priorOutputs());
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        throw ProviderException.fatal(request.address() + ": a local:Process cannot change in place; every "
                + "property forces a replacement (this is a bug in the plan)");
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        long pid = pid(request.address(), request.id());
        if (!isOurs(pid, request.outputs(), request.address())) {
            return new DeleteResponse(true);
        }
        long startTime = ProcessTable.startTime(pid).orElse(-1L);
        Duration grace = Workspace.timeoutOr(request.timeout());
        grace = grace.compareTo(MAX_STOP_GRACE) > 0 ? MAX_STOP_GRACE : grace;
        return new DeleteResponse(!Signals.stop(request.address(), pid, startTime, grace));
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        long pid = pid(request.address(), request.id());
        Optional<Long> startTime = ProcessTable.startTime(pid);
        if (startTime.isEmpty()) {
            return ImportResponse.notFound();
        }
        Map<String, Object> inputs = observedInputs(pid);
        return new ImportResponse(true, Long.toString(pid), inputs, outputs(inputs, pid, startTime.get(),
                ProcessTable.link(pid, "fd/1").orElse(""), ProcessTable.link(pid, "fd/2").orElse("")));
    }

    @Override
    public Optional<List<OwnedObject>> findOwned(String stack) {
        if (!ProcessTable.hasProcFs()) {
            return Optional.empty();
        }
        List<OwnedObject> owned = new ArrayList<>();
        for (long pid : ProcessTable.pids()) {
            // Only session leaders: the children of a service inherit its environment too.
            Optional<ProcStat> stat = ProcessTable.stat(pid).filter(ProcStat::running)
                    .filter(s -> s.session() == pid);
            Map<String, String> environment = stat.isPresent() ? ProcessTable.environment(pid) : Map.of();
            String address = environment.get(ProcessLauncher.ADDRESS_ENV);
            if (stack.equals(environment.get(ProcessLauncher.STACK_ENV)) && address != null) {
                Map<String, Object> inputs = observedInputs(pid);
                owned.add(new OwnedObject(Address.parse(address), LocalSchemas.PROCESS, Long.toString(pid), inputs,
                        outputs(inputs, pid, stat.get().startTicks(), ProcessTable.link(pid, "fd/1").orElse(""),
                                ProcessTable.link(pid, "fd/2").orElse(""))));
            }
        }
        return Optional.of(owned);
    }

    /**
     * Whether {@code pid} is still the process described by {@code outputs}: same start time, or, when
     * the outputs lack one, carrying this address in its environment.
     */
    private static boolean isOurs(long pid, Map<String, Object> outputs, Address address) {
        Object startTime = outputs == null ? null : outputs.get("startTime");
        if (startTime instanceof Number number) {
            return ProcessTable.isSameProcess(pid, number.longValue());
        }
        return ProcessTable.startTime(pid).isPresent()
                && address.toString().equals(ProcessTable.environment(pid).get(ProcessLauncher.ADDRESS_ENV));
    }

    /**
     * The inputs a process was started with, as recorded in its environment; for a process this
     * provider did not start, what can be seen of it: its command line and working directory.
     */
    private static Map<String, Object> observedInputs(long pid) {
        String recorded = ProcessTable.environment(pid).get(ProcessLauncher.INPUTS_ENV);
        if (recorded != null) {
            return Values.normalizeMap(InputsCodec.decode(recorded));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("command", new ArrayList<>(ProcessTable.commandLine(pid)));
        ProcessTable.link(pid, "cwd").ifPresent(cwd -> inputs.put("workingDirectory", cwd));
        return Values.normalizeMap(inputs);
    }

    private static Map<String, Object> outputs(Map<String, Object> inputs, long pid, long startTime, String stdout,
            String stderr) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        outputs.put("pid", pid);
        outputs.put("startTime", startTime);
        outputs.put("stdoutLog", stdout);
        outputs.put("stderrLog", stderr);
        return Values.normalizeMap(outputs);
    }

    private static long pid(Address address, String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw ProviderException.fatal(address + ": '" + id + "' is not a process id; local:Process ids are "
                    + "pids such as 12345", e);
        }
    }

    /** The last lines of a log file, for error messages. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
