package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.deploy.TrafficClient;
import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Erlbank example on pods that run: its images built from {@code examples/src/main/erlbank} and imported
 * into the node ({@code erlbank.imagePullPolicy=Never}: nothing is pulled), every pod Ready, the front end
 * answering through its Service's ClusterIP from the host (kube-proxy), and a second plan empty. A pod
 * deleted by hand is replaced by its ReplicaSet and is no drift; a Deployment deleted by hand is drift and
 * is repaired.
 */
class ErlbankPodsIT extends PodsItSupport {

    private static final ErlbankK8s ERLBANK = new ErlbankK8s();
    /** Namespace, two ConfigMaps, four Deployments and their Services, the Ingress. */
    private static final int OBJECTS = 12;

    private String bank;

    @Test
    void erlbankRunsAnswersThroughItsFrontEndAndRepairsWhatWasDeletedByHand() throws Exception {
        PodsCluster.requireErlbankImages(ErlbankK8s.SERVICES, PodsCluster.ERLBANK_TAG);
        bank = namespace + "-bank";
        configure(Map.of("erlbank.namespace", bank, "erlbank.imagePullPolicy", "Never", "accounts.replicas", "2"));
        Run first = applied(ERLBANK);
        assertThat(first.out()).contains("Resources: " + OBJECTS + " added, 0 changed, 0 destroyed.");
        assertThat(readyPods()).as("every pod Ready after apply").containsOnlyKeys("accounts", "transfers",
                "statements", "frontend").allSatisfy((app, pods) -> assertThat(pods).isNotEmpty());
        assertThat(readyPods().get("accounts")).hasSize(2);
        String frontend = output(ERLBANK, "frontendUrl");
        assertThat(frontend).matches("http://\\d+\\.\\d+\\.\\d+\\.\\d+/");
        assertAnswers(frontend, "accounts", 2);
        assertAnswers(frontend, "statements", 1);
        assertNoChanges(ERLBANK);

        String deleted = readyPods().get("accounts").iterator().next();
        PodsCluster.kubectl("--namespace", bank, "delete", "pod", deleted);
        awaitReadyPods("accounts", 2, deleted);
        assertNoChanges(ERLBANK);

        PodsCluster.kubectl("--namespace", bank, "delete", "deployment", "transfers");
        Run drift = run(ERLBANK, "plan", "--detailed-exitcode");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(2);
        assertThat(drift.out()).contains("# deployments/transfers has been deleted", "Plan: 1 to add, 0 to change");
        Run repair = applied(ERLBANK);
        assertThat(repair.out()).contains("Resources: 1 added, 0 changed, 0 destroyed.");
        assertThat(readyPods().get("transfers")).hasSize(1);
        assertAnswers(frontend, "transfers", 1);
        assertNoChanges(ERLBANK);
    }

    /**
     * Requests to {@code /<service>} through the front end until each of its {@code pods} has answered (at
     * most 600): none fails, each is answered by the service. They start once the path answers, and the
     * pods' endpoints follow one by one: kube-proxy programs them a moment after the pods are Ready.
     */
    private void assertAnswers(String frontend, String service, int pods) throws Exception {
        awaitAnswer(frontend + service);
        try (TrafficClient client = new TrafficClient(frontend, "/" + service, 2)) {
            List<TrafficClient.Result> answers = sample(client, 60);
            while (hosts(answers).size() < pods && answers.size() < 600) {
                sample(client, 60);
                answers = client.results();
            }
            assertThat(TrafficClient.failures(answers)).as(TrafficClient.counts(answers).toString()).isZero();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.answer()).startsWith("service=" + service));
            System.out.println("/" + service + ": " + answers.size() + " requests answered by " + hosts(answers));
            assertThat(hosts(answers)).as("kube-proxy spreads new connections over the pods").hasSize(pods);
        }
    }

    private static Set<String> hosts(List<TrafficClient.Result> answers) {
        return answers.stream().map(answer -> answer.answer().replaceAll("(?s).*hostname=(\\S+).*", "$1"))
                .collect(Collectors.toSet());
    }

    /** The Ready pods (not terminating) of each {@code app}. */
    private Map<String, Set<String>> readyPods() {
        return k8s.pods().inNamespace(bank).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null && ready(pod))
                .collect(Collectors.groupingBy(pod -> pod.getMetadata().getLabels().get("app"),
                        Collectors.mapping(pod -> pod.getMetadata().getName(), Collectors.toSet())));
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                && "True".equals(c.getStatus()));
    }

    /** Waits until {@code app} has {@code count} Ready pods again, none of them {@code gone}. */
    private void awaitReadyPods(String app, int count, String gone) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> pods = Set.of();
        while (System.nanoTime() < deadline) {
            pods = readyPods().getOrDefault(app, Set.of());
            if (pods.size() == count && !pods.contains(gone)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the ReplicaSet did not replace pod " + gone + " within 90 s: " + pods);
    }
}
