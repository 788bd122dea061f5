package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.operator.StackCrd;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approval {@code manual} on the real cluster: the plan is shown with its fingerprint and nothing changes; a
 * spec change makes a new plan; an approval of the old fingerprint is refused with a status that names the
 * new one, and nothing changes; the approval of the new fingerprint applies exactly that plan.
 */
class ManualApprovalIT {

    private static Stacks stacks;

    @BeforeAll
    static void operator() {
        stacks = new Stacks(OperatorCluster.get(), "op-approval");
    }

    @Test
    void changesNothingBeforeApprovalRefusesAStaleFingerprintAndAppliesTheApprovedPlan() {
        String name = Stacks.unique("approved");
        Map<String, Object> spec = Stacks.demoSpec(Map.of("demo.greeting", "hello"));
        spec.put("approval", "manual");
        stacks.create(name, spec);
        stacks.awaitSuccess(name, "a plan awaiting approval", Duration.ofMinutes(2),
                s -> s.is(name, "Ready", "False", "AwaitingApproval"));
        String first = pendingFingerprint(name);
        assertThat(stacks.condition(name, "Ready").orElseThrow().get("message").toString())
                .contains(first, StackCrd.APPROVE_ANNOTATION + "=" + first, "1 to add");
        assertThat(configMap(name)).as("nothing is created before approval").isNull();

        stacks.patchSpec(name, Map.of("config", Map.of("demo.greeting", "moin")));
        stacks.awaitSuccess(name, "a new plan for the changed spec", Duration.ofMinutes(2),
                s -> s.status(name).get("pendingPlan") instanceof Map<?, ?> plan && !first.equals(plan.get("fingerprint")));
        String second = pendingFingerprint(name);

        stacks.annotate(name, StackCrd.APPROVE_ANNOTATION, first);
        stacks.await(name, "the stale approval refused", Duration.ofMinutes(1),
                s -> s.is(name, "Ready", "False", "ApprovalStale"));
        assertThat(stacks.condition(name, "Ready").orElseThrow().get("message").toString())
                .contains(first, "stale", second);
        stacks.await(name, "the ApprovalStale event (recorded after the status)", Duration.ofSeconds(30),
                s -> s.events(name).stream().anyMatch(event -> event.startsWith("ApprovalStale")));
        Waits.sleep(Duration.ofSeconds(3));
        assertThat(configMap(name)).as("a refused approval changes nothing").isNull();
        assertThat(stacks.jobs(name)).noneMatch(job -> "apply-approved".equals(job.getMetadata().getLabels()
                .get(StackCrd.MODE_LABEL)));

        stacks.annotate(name, StackCrd.APPROVE_ANNOTATION, second);
        stacks.awaitSuccess(name, "the approved plan applied", Duration.ofMinutes(2),
                s -> s.is(name, "Ready", "True", "Applied"));
        assertThat(configMap(name).getData()).containsEntry("greeting", "moin");
        assertThat(stacks.status(name)).containsEntry("appliedFingerprint", second).doesNotContainKey("pendingPlan");
        stacks.delete(name);
    }

    private String pendingFingerprint(String name) {
        return String.valueOf(((Map<?, ?>) stacks.status(name).get("pendingPlan")).get("fingerprint"));
    }

    private io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
        return stacks.client.configMaps().inNamespace(stacks.namespace).withName(name + "-settings-1").get();
    }
}
