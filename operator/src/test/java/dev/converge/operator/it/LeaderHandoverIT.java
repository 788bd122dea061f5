package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.providers.k8s.KubernetesStateBackend;
import dev.converge.spi.state.StateHistory;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two controller replicas, one leading: deleting the leader's pod hands the lead to the other replica
 * within the leader lease, the stacks go on being reconciled, and no stack is ever applied by two Jobs at
 * once: each stack's Jobs ran one after another, its state history has one version per serial, and no run
 * found the stack's lock held.
 */
class LeaderHandoverIT {

    private static final int STACKS = 3;
    private static Stacks stacks;

    @BeforeAll
    static void operator() {
        stacks = new Stacks(OperatorCluster.get(), "op-ha");
    }

    @Test
    void deletingTheLeaderHandsOverWithinTheLeaseAndNoStackRunsTwice() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < STACKS; i++) {
            String name = Stacks.unique("ha" + i);
            Map<String, Object> spec = Stacks.demoSpec(Map.of("demo.greeting", "hello " + i));
            spec.put("interval", "10s");
            stacks.create(name, spec);
            names.add(name);
        }
        for (String name : names) {
            stacks.awaitSuccess(name, "Ready", Duration.ofMinutes(3), s -> s.is(name, "Ready", "True", null));
        }
        String leader = stacks.cluster.leader().orElseThrow();
        Map<String, Long> runsBefore = new java.util.HashMap<>();
        names.forEach(name -> runsBefore.put(name, stacks.number(name, "runs")));
        long deleted = System.nanoTime();
        stacks.client.pods().inNamespace(OperatorCluster.OPERATOR_NAMESPACE).withName(leader).delete();
        Waits.until("another replica to lead", OperatorCluster.LEADER_LEASE.multipliedBy(3),
                () -> stacks.cluster.leader().filter(now -> !now.equals(leader)).isPresent(),
                stacks.cluster::operatorLogs);
        double handover = (System.nanoTime() - deleted) / 1e9;
        System.out.printf("leader %s deleted; %s leads after %.1f s (lease %d s)%n", leader,
                stacks.cluster.leader().orElseThrow(), handover, OperatorCluster.LEADER_LEASE.toSeconds());
        assertThat(handover).as("handover within the leader lease").isLessThan(OperatorCluster.LEADER_LEASE.toSeconds());

        for (String name : names) {
            stacks.awaitSuccess(name, "two more reconciles under the new leader", Duration.ofMinutes(3),
                    s -> s.number(name, "runs") >= runsBefore.get(name) + 2 && s.lastRun(name).get("finishedAt") != null);
        }
        for (String name : names) {
            assertRunsOneAtATime(name);
        }
        Waits.until("the operator back at two replicas", Duration.ofMinutes(2),
                () -> stacks.cluster.availableReplicas() == 2, stacks.cluster::operatorLogs);
        names.forEach(stacks::delete);
    }

    private static void assertRunsOneAtATime(String name) {
        List<Job> jobs = new ArrayList<>(stacks.jobs(name));
        jobs.sort(Comparator.comparing(job -> Instant.parse(job.getStatus().getStartTime())));
        for (int i = 1; i < jobs.size(); i++) {
            Job before = jobs.get(i - 1);
            assertThat(before.getStatus().getCompletionTime()).as("Job %s finished", before.getMetadata().getName())
                    .isNotNull();
            assertThat(Instant.parse(jobs.get(i).getStatus().getStartTime()))
                    .as("Job %s started after %s ended", jobs.get(i).getMetadata().getName(),
                            before.getMetadata().getName())
                    .isAfterOrEqualTo(Instant.parse(before.getStatus().getCompletionTime()));
        }
        assertThat(stacks.events(name)).noneMatch(event -> event.startsWith("LockHeld"));
        try (KubernetesStateBackend backend = new KubernetesStateBackend(stacks.client, stacks.namespace)) {
            List<Long> serials = backend.history(name).list().stream().map(StateHistory.Entry::serial).toList();
            long current = stacks.number(name, "lastAppliedSerial");
            assertThat(serials).as("one history version per serial, each older than the current serial %d", current)
                    .doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder())
                    .allMatch(serial -> serial < current);
            System.out.printf("stack %s: %d Jobs one after another, state serial %d, history serials %s%n", name,
                    jobs.size(), current, serials);
        }
    }
}
