package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes at every durable point of applying three program versions in turn: a forked engine
 * JVM halts right before and right after each of its state writes (journal appends, the state
 * document, history, journal clear, lock), and right after each change it made in the cloud before
 * the provider call returned. After every crash, in this JVM: the state loads, a rerun takes the dead
 * run's lock over by itself (one line naming the dead holder) and converges, the plan after it is
 * empty and the cloud holds exactly one object per declared resource.
 */
class JournalPointKillTest {

    /** Parallel forks: the machine has two cores. */
    private static final int FORKS_AT_ONCE = 2;

    @TempDir
    Path dir;

    /**
     * The crash points of one version: state writes, journal appends among them, cloud writes, and the
     * state writes right after a cloud change.
     */
    record Points(int stateWrites, int journalAppends, int cloudWrites, List<Integer> afterCloudChanges) {
    }

    /** Every point in both modes, instead of only the points that leave distinct bytes on disk. */
    private static final boolean ALL = Boolean.getBoolean("reliability.allCrashPoints");

    /** Random crashes inside provider calls per version (all of them with {@code reliability.allCrashPoints}). */
    private static final int IN_PROVIDER = 3;

    @Test
    void everyJournalPointOfThreeVersionsRecoversWithoutLeaks() throws Exception {
        List<Points> points = new ArrayList<>();
        for (int version = 1; version <= CrashPrograms.VERSIONS; version++) {
            points.add(baseline(version));
        }
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        List<Crash> crashes = crashes(points, new java.util.Random(seed));
        int takeovers = crashAll(crashes, seed);
        int appends = points.stream().mapToInt(Points::journalAppends).sum();
        System.out.printf("KILL TEST (seed %d): %d real crashes (halted JVMs) applying %d program versions in turn; "
                + "%d state writes (%d journal appends) each crashed after%s, %d crashed before, %d crashes inside "
                + "provider calls (of %d cloud changes); %d dead runs' locks taken over automatically; 0 leaks, "
                + "0 duplicates%n", seed, crashes.size(), CrashPrograms.VERSIONS,
                points.stream().mapToInt(Points::stateWrites).sum(), appends, ALL ? " and before" : "",
                crashes.stream().filter(c -> c.spec().startsWith("before")).count(),
                crashes.stream().filter(c -> c.spec().startsWith("cloud")).count(),
                points.stream().mapToInt(Points::cloudWrites).sum(), takeovers);
        assertThat(appends).as("journal appends of the three applies").isGreaterThanOrEqualTo(30);
        assertThat(takeovers).as("crashes while the lock was held").isGreaterThan(crashes.size() / 2);
    }

    /** Runs every crash, two forks at a time; returns how many left a lock the rerun took over. */
    private int crashAll(List<Crash> crashes, long seed) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(FORKS_AT_ONCE);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < crashes.size(); i++) {
                Crash crash = crashes.get(i);
                Path caseDir = dir.resolve("case-" + i);
                results.add(pool.submit(() -> crash.runIn(caseDir, dir)));
            }
            int takenOver = 0;
            for (Future<Boolean> result : results) {
                try {
                    takenOver += result.get() ? 1 : 0;
                } catch (ExecutionException e) {
                    throw new AssertionError("kill test with -Dreliability.seed=" + seed + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
            return takenOver;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * After every state write; before those that follow a cloud change (before the others a halt leaves
     * the same bytes as after the previous write) or before every one with {@code ALL}; inside random
     * provider calls, or inside every one with {@code ALL}.
     */
    private static List<Crash> crashes(List<Points> points, java.util.Random random) {
        List<Crash> crashes = new ArrayList<>();
        for (int version = 1; version <= CrashPrograms.VERSIONS; version++) {
            Points p = points.get(version - 1);
            for (int n = 1; n <= p.stateWrites(); n++) {
                crashes.add(new Crash(version, "after:" + n));
                if (ALL || p.afterCloudChanges().contains(n)) {
                    crashes.add(new Crash(version, "before:" + n));
                }
            }
            List<Integer> inside = new ArrayList<>();
            for (int k = 1; k <= p.cloudWrites(); k++) {
                inside.add(k);
            }
            java.util.Collections.shuffle(inside, random);
            for (int k : inside.subList(0, ALL ? inside.size() : Math.min(IN_PROVIDER, inside.size()))) {
                crashes.add(new Crash(version, "cloud:" + k));
            }
        }
        return crashes;
    }

    /**
     * Applies {@code version} without a crash on a copy of the previous version's result, counting
     * its crash points; its result is the starting point of the next version.
     */
    private Points baseline(int version) {
        Path work = base(version);
        Dirs.copy(base(version - 1), work);
        CrashSwitch counter = CrashSwitch.never();
        CloudStack stack = new CloudStack(work.resolve("work"), work.resolve("cloud"));
        int code = stack.countedApply(CrashPrograms.version(version), counter);
        assertThat(code).as("baseline apply of version %d", version).isZero();
        stack.assertConverged(version, "baseline v" + version);
        return new Points(counter.stateWriteCount(), counter.journalAppendCount(), counter.cloudWriteCount(),
                counter.writesAfterCloudChanges());
    }

    private Path base(int version) {
        return dir.resolve("base-v" + version);
    }

    /** One crash: program version and crash spec. */
    record Crash(int version, String spec) {

        /** Crashes a fork, then recovers and checks in this JVM; returns whether its lock was taken over. */
        boolean runIn(Path caseDir, Path root) {
            Dirs.copy(root.resolve("base-v" + (version - 1)), caseDir);
            CloudStack stack = new CloudStack(caseDir.resolve("work"), caseDir.resolve("cloud"));
            String context = "v" + version + " crash " + spec;
            Forks.Result fork = Forks.run(caseDir.resolve("fork.log"), stack.workDir.toString(),
                    stack.cloudDir.toString(), String.valueOf(version), spec, "0",
                    "apply", "--auto-approve", "--parallelism", "1", "--stack", CloudStack.STACK);
            assertThat(fork.crashed()).as("%s: the fork must halt\n%s", context, fork.output()).isTrue();
            stack.state(); // loads without an exception
            boolean tookOver = stack.applyAfterCrash(version, context);
            stack.assertConverged(version, context);
            return tookOver;
        }
    }
}
