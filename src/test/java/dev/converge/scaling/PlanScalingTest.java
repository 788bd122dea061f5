package dev.converge.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bench.StateSeeder;
import dev.converge.engine.Converge;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.InMemoryStateBackend;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan work must grow no faster than O(n log n) in the number of resources. Work is measured as the heap
 * bytes allocated by a whole no-change plan without refresh (program evaluation, graph, state load and
 * parse, diff), summed over all threads by {@link com.sun.management.ThreadMXBean}: unlike wall time it
 * does not depend on the machine's load, and the engine cannot make a quadratic algorithm look linear
 * to it (a quadratic path allocates quadratically, or its share of the work vanishes).
 *
 * <p>Sizes default to 1,000 / 4,000 / 16,000 to stay within ~20 s of the normal test run on a loaded 2-core
 * machine; run the sizes with {@code -Dconverge.scaling.sizes=1000,10000,100000}. For each step
 * from n to m resources, alloc(m) / alloc(n) must stay under (m / n) * (log m / log n) * 1.5, which a
 * linear or n log n engine passes with room and a quadratic one fails (it would need m / n squared).
 */
class PlanScalingTest {

    private static final String STACK = "scale";
    private static final double SLACK = 1.5;

    @TempDir
    Path dir;

    @Test
    void noChangePlanWorkGrowsAtMostLikeNLogN() {
        int[] sizes = sizes();
        long[] allocated = new long[sizes.length];
        plannedBytes(sizes[0]); // warm-up: class loading and the first JIT work are not plan work
        for (int i = 0; i < sizes.length; i++) {
            allocated[i] = plannedBytes(sizes[i]);
        }
        List<String> figures = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            figures.add(String.format("n=%,d: %,d bytes (%,d per resource)", sizes[i], allocated[i],
                    allocated[i] / sizes[i]));
        }
        System.out.println("plan allocation: " + figures);
        assertThat(violations(sizes, allocated)).as("plan work per size: %s", figures).isEmpty();
    }

    @Test
    void theBoundAcceptsNLogNAndRejectsQuadraticGrowth() {
        int[] sizes = {1_000, 4_000, 16_000};
        assertThat(violations(sizes, new long[] {20_000_000L, 80_000_000L, 320_000_000L})).isEmpty();
        assertThat(violations(sizes, new long[] {20_000_000L, 96_000_000L, 448_000_000L})).as("n log n").isEmpty();
        assertThat(violations(sizes, new long[] {20_000_000L, 320_000_000L, 5_120_000_000L})).hasSize(2);
        assertThat(violations(sizes, new long[] {20_000_000L, 20_000_000L, 80_000_000L}))
                .as("no growth at all means the measure missed the plan").hasSize(1);
    }

    /**
     * The steps from n to m resources whose work grew more than (m / n) * (log m / log n) * 1.5, or not at
     * all (then the measure did not see the plan).
     */
    static List<String> violations(int[] sizes, long[] allocated) {
        List<String> violations = new ArrayList<>();
        for (int i = 1; i < sizes.length; i++) {
            double n = sizes[i - 1];
            double m = sizes[i];
            double ratio = allocated[i] / (double) allocated[i - 1];
            double bound = m / n * Math.log(m) / Math.log(n) * SLACK;
            if (ratio >= bound || ratio <= 1.0) {
                violations.add(String.format("from %,d to %,d resources plan work grew %.2fx; O(n log n) allows"
                        + " more than 1x and at most %.2fx", sizes[i - 1], sizes[i], ratio, bound));
            }
        }
        return violations;
    }

    /**
     * The bytes allocated by a whole no-change plan (fresh engine: program, graph, state load, diff) of
     * {@code size} resources; one run is enough, allocation does not vary like time does.
     */
    private long plannedBytes(int size) {
        LayeredProgram program = new LayeredProgram(size);
        InMemoryStateBackend backend = new InMemoryStateBackend();
        FakeProvider fake = FakeProvider.create();
        try (StackEngine seeding = engine(program, fake, backend)) {
            StateSeeder.seed(seeding, fake);
        }
        long before = totalAllocated();
        try (StackEngine engine = engine(program, fake, backend)) {
            Plan plan = engine.plan(PlanRequest.normal());
            long allocated = totalAllocated() - before;
            assertThat(plan.hasChanges()).as("the plan of the seeded state of %,d resources", size).isFalse();
            assertThat(fake.calls()).as("a plan without refresh calls no provider operation").isEmpty();
            return allocated;
        }
    }

    private StackEngine engine(LayeredProgram program, FakeProvider fake, InMemoryStateBackend backend) {
        return Converge.engine(program).stack(STACK).workDir(dir).providers(fake).serviceLoader(false)
                .stateBackend(backend).environment(Map.of()).refresh(false).build();
    }

    private static long totalAllocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("this JVM measures allocated bytes").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads.getTotalThreadAllocatedBytes();
    }

    private static int[] sizes() {
        int[] sizes = Arrays.stream(System.getProperty("converge.scaling.sizes", "1000,4000,16000").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        assertThat(sizes).as("converge.scaling.sizes: at least two increasing sizes above 1").hasSizeGreaterThan(1)
                .isSorted().doesNotContain(0, 1);
        return sizes;
    }
}
