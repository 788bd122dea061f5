package dev.converge.reliability;

import dev.converge.engine.Converge;
import dev.converge.engine.state.SecretKeySource;
import dev.converge.providers.local.LocalProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The forked engine of the crash tests: runs one CLI command on program version V against the
 * {@link DurableCloud} and a {@link CrashingBackend}, and halts where the crash spec says.
 *
 * <p>Usage: {@code CrashMain WORKDIR CLOUDDIR VERSION CRASHSPEC LATENCY_MS[,READ_LATENCY_MS[,FAULTS]]
 * [local=FILES,MARKER] CLI-ARGS...}; VERSION is a {@link CrashPrograms} version, {@code regions:V} (a
 * {@link RegionCrashPrograms} version) or {@code soak:SEED} (a {@link SoakPrograms} program), FAULTS the
 * probability of {@link WireLikeFaults} per change;
 * with {@code local=...} the program also manages local files and a process; CRASHSPEC is
 * {@code never}, {@code before:N}, {@code after:N} or {@code cloud:K} (see {@link CrashSwitch}). A run
 * that does not crash prints {@code COUNTS stateWrites=.. journalAppends=.. cloudWrites=..} on stderr
 * and exits with the CLI's exit code; a crash exits with {@link CrashSwitch#HALT_STATUS}.
 */
public final class CrashMain {

    /** The passphrase every crash test uses, so that secrets are encrypted in state and journal. */
    static final String PASSPHRASE = "crash-test-passphrase";

    private CrashMain() {
    }

    public static void main(String[] args) {
        Path workDir = Path.of(args[0]);
        Path cloudDir = Path.of(args[1]);
        String version = args[2];
        CrashSwitch crash = CrashSwitch.parse(args[3]);
        String[] latencies = args[4].split(",");
        Duration latency = Duration.ofMillis(Long.parseLong(latencies[0]));
        Duration readLatency = Duration.ofMillis(latencies.length > 1 ? Long.parseLong(latencies[1]) : 0);
        WireLikeFaults faults = latencies.length > 2 ? new WireLikeFaults(Double.parseDouble(latencies[2]),
                System.nanoTime()) : WireLikeFaults.NONE;
        CrashPrograms.LocalSetup local = args.length > 5 ? CrashPrograms.LocalSetup.parse(args[5]) : null;
        String[] command = Arrays.copyOfRange(args, local == null ? 5 : 6, args.length);
        Converge.Builder builder = Converge.builder(program(version, local))
                .workDir(workDir)
                .withoutServiceLoader()
                .provider(new DurableCloud(cloudDir, latency, crash).withReadLatency(readLatency).withFaults(faults));
        if (local != null) {
            builder.provider(LocalProvider.in(workDir));
        }
        int code = builder
                .stateBackend(new CrashingBackend(workDir.resolve(".converge"), crash))
                .environment(environment())
                .build()
                .run(command);
        System.err.println("COUNTS stateWrites=" + crash.stateWriteCount() + " journalAppends="
                + crash.journalAppendCount() + " cloudWrites=" + crash.cloudWriteCount());
        System.err.println(faults.counts());
        System.err.println("WRITES " + String.join(",", crash.stateWrites()));
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static dev.converge.api.Program program(String version, CrashPrograms.LocalSetup local) {
        if (version.startsWith("soak:")) {
            return SoakPrograms.program(Long.parseLong(version.substring("soak:".length())), local);
        }
        if (version.startsWith(RegionCrashPrograms.PREFIX)) {
            return RegionCrashPrograms.version(Integer.parseInt(version.substring(RegionCrashPrograms.PREFIX.length())));
        }
        return CrashPrograms.version(Integer.parseInt(version), local);
    }

    /** The run's environment: the passphrase, and the lock settings ({@code CONVERGE_LOCK_*}) of the process. */
    static Map<String, String> environment() {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(SecretKeySource.PASSPHRASE_ENV, PASSPHRASE));
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("CONVERGE_LOCK_")) {
                environment.put(name, value);
            }
        });
        return Map.copyOf(environment);
    }
}
