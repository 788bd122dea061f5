package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a failed readiness wait says beyond the counts: a passed progress deadline, and the pods' reasons. */
class RolloutFailureTest {

    private static final List<Object> DEADLINE = List.of(Map.of("type", "Available", "status", "True"),
            Map.of("type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded",
                    "message", "ReplicaSet \"web-5f\" has timed out progressing."));

    /** As a real Deployment reports it while its new pods crash-loop: the old pods keep it at full availability. */
    @Test
    void aPassedProgressDeadlineOfTheLatestGenerationEndsTheWait() {
        Map<String, Object> crashing = Map.of("metadata", Map.of("generation", 2), "spec", Map.of("replicas", 3),
                "status", Map.of("observedGeneration", 2, "replicas", 4, "updatedReplicas", 1, "availableReplicas", 3,
                        "conditions", DEADLINE));
        assertThat(Readiness.problem(crashing)).hasValueSatisfying(p -> assertThat(p)
                .contains("1 of 3 replicas updated", "Progressing=False (ProgressDeadlineExceeded"));
        assertThat(RolloutFailure.deadlinePassed(crashing)).isTrue();
        Map<String, Object> notSeenYet = Map.of("metadata", Map.of("generation", 3), "spec", Map.of("replicas", 3),
                "status", Map.of("observedGeneration", 2, "conditions", DEADLINE));
        assertThat(RolloutFailure.deadlinePassed(notSeenYet)).as("the deadline of the previous rollout").isFalse();
        Map<String, Object> progressing = Map.of("metadata", Map.of("generation", 2), "status", Map.of(
                "observedGeneration", 2, "conditions", List.of(Map.of("type", "Progressing", "status", "True",
                        "reason", "ReplicaSetUpdated"))));
        assertThat(RolloutFailure.deadlinePassed(progressing)).isFalse();
        assertThat(RolloutFailure.deadlinePassed(Map.of())).as("no status yet").isFalse();
    }

    @Test
    void podReasonsNameWaitingContainersAndUnscheduledPodsAtMostThree() {
        Map<String, Object> crashing = pod("web-1", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "state", Map.of("waiting", Map.of("reason", "CrashLoopBackOff",
                        "message", "back-off 10s restarting failed container"))))));
        Map<String, Object> creating = pod("web-2", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "state", Map.of("waiting", Map.of("reason", "ContainerCreating"))))));
        Map<String, Object> running = pod("web-3", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "state", Map.of("running", Map.of())))));
        Map<String, Object> pending = pod("web-4", Map.of("conditions", List.of(Map.of("type", "PodScheduled",
                "status", "False", "reason", "Unschedulable", "message", "0/1 nodes are available"))));
        assertThat(RolloutFailure.reasons(List.of(crashing, creating, running, pending))).containsExactly(
                "pod web-1: container web waiting (CrashLoopBackOff: back-off 10s restarting failed container)",
                "pod web-4: not scheduled (Unschedulable: 0/1 nodes are available)");
        Map<String, Object> neverPulled = pod("web-5", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "state", Map.of("waiting", Map.of("reason", "ErrImageNeverPull"))))));
        Map<String, Object> another = pod("web-6", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "state", Map.of("waiting", Map.of("reason", "ErrImageNeverPull"))))));
        assertThat(RolloutFailure.reasons(List.of(crashing, crashing, pending, neverPulled, another)))
                .as("distinct, at most three").containsExactly(
                        "pod web-1: container web waiting (CrashLoopBackOff: back-off 10s restarting failed container)",
                        "pod web-4: not scheduled (Unschedulable: 0/1 nodes are available)",
                        "pod web-5: container web waiting (ErrImageNeverPull)");
    }

    /** Between its restarts a crash-looping container is waiting, terminated or briefly running: each is named. */
    @Test
    void aCrashLoopingContainerIsNamedWithItsExitCodeInEveryState() {
        Map<String, Object> lastExit = Map.of("terminated", Map.of("reason", "Error", "exitCode", 1));
        Map<String, Object> terminated = pod("web-1", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "restartCount", 2, "lastState", lastExit, "state", lastExit))));
        Map<String, Object> running = pod("web-2", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "restartCount", 3, "lastState", lastExit, "state", Map.of("running", Map.of())))));
        Map<String, Object> firstCrash = pod("web-3", Map.of("containerStatuses", List.of(Map.of("name", "web",
                "restartCount", 0, "state", lastExit))));
        assertThat(RolloutFailure.reasons(List.of(terminated, running, firstCrash))).containsExactly(
                "pod web-1: container web terminated (Error, exit code 1), restarted 2 times, last exit code 1",
                "pod web-2: container web running, restarted 3 times, last exit code 1",
                "pod web-3: container web terminated (Error, exit code 1)");
    }

    private static Map<String, Object> pod(String name, Map<String, Object> status) {
        return Map.of("metadata", Map.of("name", name), "status", status);
    }
}
