package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least 20 real SIGKILLs ({@link Process#destroyForcibly()}) of a forked CLI applying program
 * versions 1, 2, 3 and 0 (everything deleted) in turn, boxes in a cloud with latency plus real local
 * files and a real local process, each kill at a random moment after the plan was printed. After each
 * kill a rerun converges; the stack's boxes (found by their ownership labels), its processes (found by
 * a marker in their environment) and its files are exactly those in state: no leak, no duplicate.
 * The seed is printed; set {@code -Dreliability.seed=N} to replay a run.
 */
class SigkillTest {

    private static final int KILLS = 22;
    private static final int MAX_ATTEMPTS = 60;
    private static final int SIGKILL_STATUS = 128 + 9;

    @TempDir
    Path dir;

    private final String marker = "sigkill-" + UUID.randomUUID();

    @AfterEach
    void stopLeftovers() {
        LocalChecks.killAll(marker);
    }

    @Test
    void killedAppliesLeakNothing() throws Exception {
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        CrashPrograms.LocalSetup local = new CrashPrograms.LocalSetup(dir.resolve("files"), marker);
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"), local);
        int kills = 0;
        int leaks = 0;
        int inFlightFound = 0;
        int version = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && kills < KILLS; attempt++) {
            version = (version + 1) % (CrashPrograms.VERSIONS + 1);
            String context = "seed " + seed + ", attempt " + attempt + ", v" + version;
            Path log = dir.resolve("fork-" + attempt + ".log");
            Process process = Forks.start(log, stack.workDir.toString(), stack.cloudDir.toString(),
                    String.valueOf(version), "never", "120", local.toArgument(), "apply", "--auto-approve", "--parallelism", "2",
                    "--stack", CloudStack.STACK);
            Forks.killAfterPlan(process, log, random.nextInt(700));
            int status = process.exitValue();
            if (status == SIGKILL_STATUS) {
                kills++;
                inFlightFound += untracked(stack).size() + LocalChecks.untracked(stack).size();
                stack.state(); // loads without an exception
                stack.applyAfterCrash(version, context);
            } else {
                assertThat(status).as("%s: finished before the kill came\n%s", context, Forks.read(log)).isZero();
            }
            leaks += untracked(stack).size() + LocalChecks.untracked(stack).size();
            stack.assertConverged(version, context);
            LocalChecks.assertConverged(stack, version, context);
        }
        assertThat(stack.cli(0, "apply", "--auto-approve").exitCode()).as("clean-up").isZero();
        System.out.printf("SIGKILL TEST (seed %d): %d real SIGKILLs of a CLI apply; %d objects the killed runs had "
                + "made but not yet recorded in state were adopted or removed on rerun; %d leaks found%n",
                seed, kills, inFlightFound, leaks);
        assertThat(kills).as("real SIGKILLs (seed %d)", seed).isGreaterThanOrEqualTo(20);
        assertThat(leaks).as("leaked objects after reruns (seed %d)", seed).isZero();
    }

    /** The stack's objects in the cloud (by label) whose id the loaded state does not hold. */
    private static List<String> untracked(CloudStack stack) {
        State state = stack.state();
        Set<String> known = state.resources().values().stream().map(r -> r.id()).collect(Collectors.toSet());
        return stack.boxesByAddress().values().stream().flatMap(List::stream).filter(id -> !known.contains(id))
                .toList();
    }
}
