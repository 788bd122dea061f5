package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fifty Stacks created at once (one ConfigMap each) are all reconciled to Ready, never more than the
 * operator's limit of runs at the same time; the time it took is printed (docs/operator.md has the figures).
 * Deleting them (deletion policy keep) lets them go.
 */
class ManyStacksIT {

    private static final int COUNT = 50;
    private static Stacks stacks;

    @BeforeAll
    static void operator() {
        stacks = new Stacks(OperatorCluster.get(), "op-scale");
    }

    @Test
    void fiftyStacksAllBecomeReadyWithBoundedParallelism() {
        String batch = Stacks.unique("s");
        List<String> names = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            String name = batch + "-" + i;
            stacks.create(name, Stacks.demoSpec(Map.of("demo.greeting", "hello " + i)));
            names.add(name);
        }
        int[] mostAtOnce = {0};
        Waits.until(COUNT + " stacks Ready", Duration.ofMinutes(12), () -> {
            long running = stacks.client.batch().v1().jobs().inNamespace(stacks.namespace).list().getItems().stream()
                    .filter(job -> job.getStatus() != null && job.getStatus().getActive() != null
                            && job.getStatus().getActive() > 0).count();
            mostAtOnce[0] = Math.max(mostAtOnce[0], (int) running);
            return names.stream().allMatch(name -> stacks.is(name, "Ready", "True", null));
        }, () -> names.stream().filter(name -> !stacks.is(name, "Ready", "True", null)).limit(3)
                .map(stacks::describe).reduce("", String::concat));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d stacks Ready %.1f s after they were created (%.2f s per stack); at most %d runs at once"
                + " (limit %d)%n", COUNT, seconds, seconds / COUNT, mostAtOnce[0], OperatorCluster.MAX_CONCURRENT_RUNS);
        assertThat(mostAtOnce[0]).isBetween(1, OperatorCluster.MAX_CONCURRENT_RUNS);
        assertThat(names).allMatch(name -> stacks.client.configMaps().inNamespace(stacks.namespace)
                .withName(name + "-settings-1").get() != null);

        long deleting = System.nanoTime();
        names.forEach(stacks::delete);
        Waits.until("the stacks gone", Duration.ofMinutes(3), () -> names.stream().allMatch(name -> stacks.get(name) == null),
                stacks.cluster::operatorLogs);
        System.out.printf("%d stacks deleted (policy keep) in %.1f s%n", COUNT, (System.nanoTime() - deleting) / 1e9);
    }
}
