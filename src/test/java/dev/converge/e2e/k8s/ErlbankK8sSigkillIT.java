package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the Erlbank-on-Kubernetes command line (its own {@code main} in a forked JVM) at a
 * random moment of an apply (a create, an update of every Deployment and the ConfigMap, a destroy, in
 * turn), against the real API server; after each kill a rerun converges: every object with the stack's
 * labels is in state under its address (no orphan), the next plan is empty (after a destroy: only the
 * creates of the whole example), and the namespace holds
 * exactly the example's objects (no duplicate). Once with zero replicas (the control plane alone), once with
 * a pod per service on the node of {@code scripts/k8s/start-node.sh}, so that kills land in rollouts; the seed
 * is printed ({@code -Dk8s.sigkill.seed=N} replays it).
 */
class ErlbankK8sSigkillIT extends ErlbankOnRealCluster {

    private static final int KILLS = 6;
    private static final int SIGKILL_STATUS = 128 + 9;

    @AfterEach
    void destroy() {
        run("destroy", "--auto-approve");
    }

    /** Erlbank at {@code version} (its log level follows), plus {@code extra} (replica counts). */
    private void configure(String version, Map<String, String> extra) {
        Map<String, String> config = new TreeMap<>(Map.of("erlbank.version", version, "log.level",
                version.equals("1.0.0") ? "info" : "debug"));
        config.putAll(extra);
        cluster.writeStackConfig(dir, config);
    }

    /**
     * The kill lands while the accounts Deployment exists but its create still waits for the rollout (one
     * replica of an image no node has, version {@code absent}: never available), after the Service of the same name and namespace is
     * in state. Recovery must adopt the Deployment although its id ({@code namespace/accounts}) is the
     * Service's id too; it once skipped it as "already in state", and the rerun failed with AlreadyExists.
     */
    @Test
    void aCreateKilledWhileWaitingForItsRolloutIsAdoptedAlthoughAServiceHasTheSameId() throws Exception {
        configure("absent", RealCluster.noPods(Map.of("accounts.replicas", "1")));
        Path log = dir.resolve("fork.log");
        Process fork = fork(log, "apply");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (fork.isAlive() && !(read(log).contains("services/accounts: Creation complete")
                && cluster.admin().apps().deployments().inNamespace(cluster.namespace()).withName("accounts").get() != null)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        fork.destroyForcibly();
        assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fork.exitValue()).as(read(log)).isEqualTo(SIGKILL_STATUS);
        assertThat(stateIds()).containsKey("services/accounts").doesNotContainKey("deployments/accounts");

        configure("absent", RealCluster.noPods(Map.of()));
        CliRun rerun = rerun("apply", "first kill");
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.err()).contains("deployments/accounts: interrupted 'create' had created the object; adopted it");
        assertConverged(ErlbankK8sRealIT.OBJECTS, "after the adoption");
    }

    @Test
    void aKilledApplyLeavesNoOrphanAndARerunConverges() throws Exception {
        killAndRerun(RealCluster.noPods(Map.of()), 1000, "without pods");
    }

    /** The same with a pod per service (the node runs them): kills land in rollouts too. */
    @Test
    void aKilledApplyWithPodsRunningLeavesNoOrphanAndARerunConverges() throws Exception {
        cluster.requireNodeWithErlbankImages("1.0.0", "1.1.0");
        killAndRerun(Map.of(), 4000, "with pods");
    }

    private void killAndRerun(Map<String, String> replicas, int maxDelayMillis, String what) throws Exception {
        long seed = Long.getLong("k8s.sigkill.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> commands = List.of("apply 1.0.0", "apply 1.1.0", "destroy 1.1.0");
        int kills = 0;
        int inFlight = 0;
        for (int attempt = 0; attempt < 3 * KILLS && kills < KILLS; attempt++) {
            String[] step = commands.get(attempt % commands.size()).split(" ");
            String context = "seed " + seed + ", attempt " + attempt + ", " + String.join(" ", step);
            configure(step[1], replicas);
            Path log = dir.resolve("fork-" + attempt + ".log");
            Process fork = fork(log, step[0]);
            killAfterPlan(fork, log, random.nextInt(maxDelayMillis));
            if (fork.exitValue() == SIGKILL_STATUS) {
                kills++;
                Map<String, String> labelled = labelledByAddress(cluster.admin(), cluster.namespace());
                labelled.keySet().removeAll(stateIds().keySet());
                inFlight += labelled.size();
            } else {
                assertThat(fork.exitValue()).as(context + ": finished before the kill\n" + read(log)).isZero();
            }
            CliRun rerun = rerun(step[0], context);
            assertThat(rerun.exitCode()).as(context + ": rerun\n" + read(log) + "\n---\n" + rerun.all()).isZero();
            assertConverged(step[0].equals("destroy") ? 0 : ErlbankK8sRealIT.OBJECTS, context);
        }
        System.out.printf("K8S SIGKILL TEST %s (seed %d): %d real SIGKILLs of a CLI apply/destroy against"
                + " kube-apiserver; %d objects the killed runs had made but not yet recorded in state were adopted on"
                + " rerun%n", what, seed, kills, inFlight);
        assertThat(kills).as("real SIGKILLs (seed %d)", seed).isGreaterThanOrEqualTo(KILLS);
    }

    /** The command again, as a user would after a crash: it takes the killed run's lock over by itself. */
    private CliRun rerun(String command, String context) {
        CliRun again = run(command, "--auto-approve");
        assertThat(again.exitCode()).as(context + ": rerun\n" + again.all()).isZero();
        return again;
    }

    /** The stack's labelled objects are exactly those in state, by address and id, and nothing is planned. */
    private void assertConverged(int expected, String context) {
        Map<String, String> labelled = labelledByAddress(cluster.admin(), cluster.namespace());
        assertThat(labelled).as(context + ": labelled objects vs state").isEqualTo(stateIds()).hasSize(expected);
        CliRun plan = run("plan", "--detailed-exitcode");
        if (expected == 0) {
            assertThat(plan.out()).as(context + ": plan after the destroy\n" + plan.all())
                    .contains("Plan: " + ErlbankK8sRealIT.OBJECTS + " to add, 0 to change, 0 to destroy.");
        } else {
            assertThat(plan.exitCode()).as(context + ": plan after the rerun\n" + plan.all()).isZero();
        }
    }

    /** address -> id of every resource in state ({@code state list}). */
    private Map<String, String> stateIds() {
        CliRun list = run("state", "list");
        assertThat(list.exitCode()).as(list.all()).isZero();
        Map<String, String> inState = new TreeMap<>();
        list.out().lines().map(line -> line.split("\\s+")).filter(parts -> parts.length == 3)
                .forEach(parts -> inState.put(parts[0], parts[2]));
        return inState;
    }

    /** converge.dev/address annotation -> Converge id of every object carrying this test's stack label. */
    private Map<String, String> labelledByAddress(KubernetesClient k8s, String namespace) {
        Map<String, String> selector = Map.of("converge.stack", cluster.stack());
        List<HasMetadata> found = new ArrayList<>(k8s.namespaces().withLabels(selector).list().getItems().stream()
                .filter(ns -> ns.getMetadata().getName().equals(namespace)).toList());
        found.addAll(k8s.configMaps().inNamespace(namespace).withLabels(selector).list().getItems());
        found.addAll(k8s.apps().deployments().inNamespace(namespace).withLabels(selector).list().getItems());
        found.addAll(k8s.services().inNamespace(namespace).withLabels(selector).list().getItems());
        found.addAll(k8s.network().v1().ingresses().inNamespace(namespace).withLabels(selector).list().getItems());
        Map<String, String> byAddress = new TreeMap<>();
        for (HasMetadata object : found) {
            String address = object.getMetadata().getAnnotations().get("converge.dev/address");
            String id = object.getMetadata().getNamespace() == null ? object.getMetadata().getName()
                    : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
            assertThat(byAddress.put(address, id)).as("two objects claim " + address).isNull();
        }
        return byAddress;
    }

    /** The example's own main in a new JVM (the README's flags), in the working directory, KUBECONFIG inherited. */
    private Process fork(Path log, String command) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, ErlbankK8s.class.getName(),
                command, "--auto-approve", "--stack", cluster.stack());
        return new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    /** Waits until the fork printed its plan (it holds the lock and starts changing things), then kills it later. */
    private static void killAfterPlan(Process process, Path log, int millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (process.isAlive() && !read(log).contains("Plan:") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the fork ended\n" + read(log)).isTrue();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
