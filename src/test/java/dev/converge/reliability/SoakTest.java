package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: cycles of plan and apply of a randomly changing program ({@link SoakPrograms}: boxes in a
 * {@link DurableCloud} and local files), each apply a forked CLI whose cloud injects wire-like faults
 * ({@link WireLikeFaults}: refused and throttled changes, answers lost after the change) and which is killed
 * with SIGKILL at a random moment in about a third of the cycles. After each cycle: the state loads, a killed
 * run's rerun converges with no human step, no lock is left, the next plan is empty, and the cloud and the
 * files directory hold exactly what state holds (no leak, no duplicate). Prints the counts.
 *
 * <p>CI runs {@value #DEFAULT_CYCLES} cycles; the long run is
 * {@code mvn -B -o -pl src/test -am test -Dtest=SoakTest -Dsoak.cycles=1000 -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dreliability.seed=N} replays one).
 */
class SoakTest {

    private static final int DEFAULT_CYCLES = 12;
    private static final int SIGKILL_STATUS = 128 + 9;
    private static final Pattern FAULTS = Pattern.compile("FAULTS refused=(\\d+) throttled=(\\d+) lostAnswers=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void randomProgramsKillsAndFaultsLeaveNoLeakNoLockAndAnEmptyNextPlan() throws Exception {
        int cycles = Integer.getInteger("soak.cycles", DEFAULT_CYCLES);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        CrashPrograms.LocalSetup local = new CrashPrograms.LocalSetup(dir.resolve("files"), "soak-" + UUID.randomUUID());
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"), local);
        long[] counts = new long[7]; // applies, kills, reruns converged, refused, throttled, lost answers, leaks
        for (int cycle = 0; cycle < cycles; cycle++) {
            long programSeed = random.nextLong();
            String context = "seed " + seed + ", cycle " + cycle + ", program " + programSeed;
            Path log = dir.resolve("fork-" + (cycle % 4) + ".log");
            Files.deleteIfExists(log);
            Process fork = Forks.start(log, stack.workDir.toString(), stack.cloudDir.toString(), "soak:" + programSeed,
                    "never", "30,0,0.3", local.toArgument(), "apply", "--auto-approve", "--parallelism", "3",
                    "--stack", CloudStack.STACK);
            boolean kill = random.nextInt(3) == 0;
            finish(fork, log, kill ? random.nextInt(400) : -1);
            counts[0]++;
            int status = fork.exitValue();
            if (status == SIGKILL_STATUS) {
                counts[1]++;
                stack.state(); // loads without an exception
                CloudStack.Run rerun = stack.cli(SoakPrograms.program(programSeed, local), CrashMain.environment(),
                        "apply", "--auto-approve", "--stack", CloudStack.STACK);
                assertThat(rerun.exitCode()).as("%s: the rerun converges with no human step\n%s", context,
                        rerun.all()).isZero();
                counts[2]++;
            } else {
                assertThat(status).as("%s: an apply through the faults succeeds\n%s", context, Forks.read(log)).isZero();
                Matcher faults = FAULTS.matcher(Forks.read(log));
                assertThat(faults.find()).as("%s: the fork printed its faults", context).isTrue();
                for (int i = 0; i < 3; i++) {
                    counts[3 + i] += Long.parseLong(faults.group(1 + i));
                }
            }
            counts[6] += assertConverged(stack, programSeed, context);
            if ((cycle + 1) % 100 == 0) {
                report(seed, cycle + 1, counts);
            }
        }
        report(seed, cycles, counts);
        assertThat(counts[6]).as("leaks (seed %d)", seed).isZero();
        assertThat(counts[3] + counts[4] + counts[5]).as("faults injected (seed %d)", seed).isPositive();
        assertThat(counts[1]).as("SIGKILLs (seed %d)", seed).isPositive();
    }

    private static void report(long seed, int cycles, long[] counts) {
        System.out.printf("SOAK (seed %d): %d cycles of plan/apply of a random program: %d applies killed with SIGKILL "
                + "and %d reruns converged with no human step; faults injected in the applies that ran to the end: "
                + "%d refused (503), %d throttled (429), %d answers lost after the change; %d leaked objects, "
                + "0 locks left, every next plan empty%n", seed, cycles, counts[1], counts[2], counts[3], counts[4],
                counts[5], counts[6]);
    }

    /** Waits for the fork; kills it {@code killAfter} ms after its plan was printed unless that is negative. */
    private static void finish(Process fork, Path log, int killAfter) throws InterruptedException {
        if (killAfter >= 0) {
            Forks.killAfterPlan(fork, log, killAfter);
        } else if (!fork.waitFor(120, TimeUnit.SECONDS)) {
            fork.destroyForcibly();
            throw new AssertionError("the fork did not end\n" + Forks.read(log));
        }
    }

    /**
     * No lock left, the next plan empty, the cloud holds exactly the declared boxes (each once, the one in
     * state), the files directory exactly the declared files with their contents. Returns the leaks found.
     */
    private static int assertConverged(CloudStack stack, long programSeed, String context) throws Exception {
        assertThat(new LocalStateBackend(stack.workDir.resolve(".converge")).lock(CloudStack.STACK).holder())
                .as("%s: no lock left for a human", context).isEmpty();
        CloudStack.Run plan = stack.cli(SoakPrograms.program(programSeed, stack.local), CrashMain.environment(),
                "plan", "--detailed-exitcode", "--stack", CloudStack.STACK);
        assertThat(plan.exitCode()).as("%s: the next plan is empty\n%s", context, plan.all()).isZero();
        SoakPrograms.Shape shape = SoakPrograms.shape(programSeed, stack.local);
        State state = stack.state();
        Map<String, List<String>> expected = new TreeMap<>();
        shape.addresses().forEach(address -> expected.put(address.toString(), List.of(state.resource(address).id())));
        Map<String, List<String>> boxes = stack.boxesByAddress();
        Map<String, String> files = new TreeMap<>();
        for (String file : LocalChecks.files(stack.local)) {
            files.put(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
        }
        int leaks = boxes.values().stream().mapToInt(List::size).sum() - expected.size()
                + files.size() - shape.files().size();
        assertThat(boxes).as("%s: exactly one box per declared box, the one in state", context).isEqualTo(expected);
        assertThat(files).as("%s: exactly the declared files", context).isEqualTo(shape.files());
        assertThat(state.resources().values().stream().map(ResourceState::address).map(String::valueOf)
                .filter(a -> !a.startsWith("file-")).collect(Collectors.toSet()))
                .as("%s: nothing else in state", context).isEqualTo(expected.keySet());
        return leaks;
    }
}
