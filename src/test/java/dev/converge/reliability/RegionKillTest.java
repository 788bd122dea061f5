package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.Ownership;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes (a forked engine JVM halts) while applying {@link RegionCrashPrograms}, whose boxes live in three
 * configurations of one provider and move between them: after every state write, before those that follow a
 * change in a cloud, and inside every provider call that changed a cloud. After each crash, in this JVM: the
 * state loads, a rerun converges without any human step, the plan after it is empty, and each configuration's
 * cloud holds exactly the boxes state assigns to that configuration, each once (no leak in any region, no
 * duplicate, nothing adopted from the wrong region).
 */
class RegionKillTest {

    private static final int FORKS_AT_ONCE = 2;
    private static final List<String> REGIONS = List.of("", "eu", "us");

    @TempDir
    Path dir;

    private record Points(int stateWrites, int cloudWrites, List<Integer> afterCloudChanges) {
    }

    private record Crash(int version, String spec) {
    }

    @Test
    void everyCrashWhileMovingObjectsBetweenRegionsRecoversWithoutLeaks() throws Exception {
        List<Crash> crashes = new ArrayList<>();
        for (int version = 1; version <= RegionCrashPrograms.VERSIONS; version++) {
            Points points = baseline(version);
            for (int n = 1; n <= points.stateWrites(); n++) {
                crashes.add(new Crash(version, "after:" + n));
                if (points.afterCloudChanges().contains(n)) {
                    crashes.add(new Crash(version, "before:" + n));
                }
            }
            for (int k = 1; k <= points.cloudWrites(); k++) {
                crashes.add(new Crash(version, "cloud:" + k));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(FORKS_AT_ONCE);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < crashes.size(); i++) {
                Crash crash = crashes.get(i);
                Path caseDir = dir.resolve("case-" + i);
                runs.add(pool.submit(() -> crashAndRecover(crash, caseDir)));
            }
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("REGION KILL TEST: %d real crashes applying %d versions that move boxes between three "
                + "configurations of one provider; 0 leaks, 0 duplicates%n", crashes.size(), RegionCrashPrograms.VERSIONS);
        assertThat(crashes.stream().filter(c -> c.spec().startsWith("cloud") && c.version() == 2).count())
                .as("calls that changed a cloud in v2 (moves across regions, an update, a delete, a create)")
                .isGreaterThanOrEqualTo(7);
    }

    /** Applies {@code version} without a crash on a copy of the previous version's result, counting its points. */
    private Points baseline(int version) {
        Path work = dir.resolve("base-v" + version);
        Dirs.copy(dir.resolve("base-v" + (version - 1)), work);
        CrashSwitch counter = CrashSwitch.never();
        CloudStack stack = new CloudStack(work.resolve("work"), work.resolve("cloud"));
        int code = stack.countedApply(RegionCrashPrograms.version(version), counter);
        assertThat(code).as("baseline apply of version %d", version).isZero();
        assertConverged(stack, version, "baseline v" + version);
        return new Points(counter.stateWriteCount(), counter.cloudWriteCount(), counter.writesAfterCloudChanges());
    }

    private void crashAndRecover(Crash crash, Path caseDir) {
        Dirs.copy(dir.resolve("base-v" + (crash.version() - 1)), caseDir);
        CloudStack stack = new CloudStack(caseDir.resolve("work"), caseDir.resolve("cloud"));
        String context = "v" + crash.version() + " crash " + crash.spec();
        Forks.Result fork = Forks.run(caseDir.resolve("fork.log"), stack.workDir.toString(), stack.cloudDir.toString(),
                RegionCrashPrograms.PREFIX + crash.version(), crash.spec(), "0",
                "apply", "--auto-approve", "--parallelism", "1", "--stack", CloudStack.STACK);
        assertThat(fork.crashed()).as("%s: the fork must halt\n%s", context, fork.output()).isTrue();
        stack.state(); // loads without an exception
        CloudStack.Run rerun = stack.cli(RegionCrashPrograms.version(crash.version()), CrashMain.environment(),
                "apply", "--auto-approve", "--stack", CloudStack.STACK);
        assertThat(rerun.exitCode()).as("%s: the rerun must converge without any human step\n%s", context,
                rerun.all()).isZero();
        assertConverged(stack, crash.version(), context);
    }

    /** The plan is empty; each region's cloud holds exactly the boxes state puts in that region, each once. */
    private static void assertConverged(CloudStack stack, int version, String context) {
        CloudStack.Run plan = stack.cli(RegionCrashPrograms.version(version), CrashMain.environment(),
                "plan", "--detailed-exitcode", "--stack", CloudStack.STACK);
        assertThat(plan.exitCode()).as("%s: the plan after the rerun must be empty\n%s", context, plan.all()).isZero();
        State state = stack.state();
        Map<Address, String> placement = RegionCrashPrograms.placement(version);
        assertThat(state.resources().keySet()).as("%s: state holds the declared boxes only", context)
                .containsExactlyInAnyOrderElementsOf(placement.keySet());
        for (String region : REGIONS) {
            Map<String, List<String>> expected = new TreeMap<>();
            placement.forEach((address, where) -> {
                ResourceState resource = state.resource(address);
                assertThat(resource.configuration()).as("%s: the configuration of %s", context, address)
                        .isEqualTo(where);
                if (where.equals(region)) {
                    expected.put(address.toString(), List.of(resource.id()));
                }
            });
            assertThat(boxes(stack.cloudDir, region)).as("%s: the boxes in region '%s' (no leak, no duplicate)",
                    context, region).isEqualTo(expected);
        }
    }

    private static Map<String, List<String>> boxes(Path cloudDir, String region) {
        return DurableCloud.in(region.isEmpty() ? cloudDir : cloudDir.resolve(region)).objects().stream()
                .filter(o -> CloudStack.STACK.equals(o.labels().get(Ownership.STACK_LABEL)))
                .collect(Collectors.groupingBy(o -> o.labels().get(Ownership.ADDRESS_LABEL), TreeMap::new,
                        Collectors.mapping(DurableCloud.StoredObject::id, Collectors.toList())));
    }
}
