package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.deploy.StackCommand;
import dev.converge.deploy.TrafficClient;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests whose pods really run on the one-node cluster ({@link PodsCluster}): each test has its
 * own stack, working directory (local state) and namespace, which the stack's {@code k8s.namespace} names;
 * the CLI runs in-process. Afterwards the namespace is deleted with everything in it (and the stack's own
 * namespaces and PersistentVolumes, the cluster-scoped kinds these tests create).
 */
abstract class PodsItSupport {

    /** What one CLI command returned and printed. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Path workDir;
    String stack;
    String namespace;
    KubernetesClient k8s;

    @BeforeEach
    void setUpCluster() throws IOException {
        k8s = PodsCluster.admin();
        stack = "p" + UUID.randomUUID().toString().substring(0, 8);
        namespace = "pods-" + stack;
        workDir = Files.createTempDirectory("converge-pods-it");
        k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        configure(Map.of());
    }

    @AfterEach
    void tearDownCluster() throws IOException {
        if (namespace == null) {
            return; // setUp failed already, with the reason
        }
        k8s.namespaces().withName(namespace).delete();
        k8s.namespaces().withLabel("converge.stack", stack).delete();
        k8s.persistentVolumes().withLabel("converge.stack", stack).delete();
        try (var files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Writes the stack's configuration: this test's namespace for the provider, quick polling, plus
     * {@code extra}. A forked CLI reads the same file.
     */
    void configure(Map<String, String> extra) throws IOException {
        Map<String, String> config = new TreeMap<>(Map.of("k8s.namespace", namespace, "k8s.pollMillis", "200"));
        config.putAll(extra);
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(workDir.resolve("converge." + stack + ".properties"), text, StandardCharsets.UTF_8);
    }

    /** Runs a CLI command for {@code program} on this test's stack. */
    Run run(Program program, String... args) {
        StackCommand run = StackCommand.run(program, workDir, stack, args);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    /** Applies and expects success. */
    Run applied(Program program) {
        Run run = run(program, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        return run;
    }

    /** Expects {@code plan --detailed-exitcode} to find nothing to do. */
    void assertNoChanges(Program program) {
        Run plan = run(program, "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
    }

    String output(Program program, String name) {
        Run output = run(program, "output", name);
        assertThat(output.exitCode()).as(output.all()).isZero();
        return output.out().strip();
    }

    /** The Deployments in this test's namespace, by name, with their desired replicas. */
    Map<String, Integer> deployments() {
        Map<String, Integer> result = new TreeMap<>();
        for (Deployment deployment : k8s.apps().deployments().inNamespace(namespace).list().getItems()) {
            result.put(deployment.getMetadata().getName(), deployment.getSpec().getReplicas());
        }
        return result;
    }

    /**
     * Waits until {@code url} answers 200 (at most 30 s): kube-proxy programs a new Service's endpoints a
     * moment after its pods are Ready, and a client measuring failures must start after that, not retry.
     */
    static void awaitAnswer(String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
        String last = "no answer";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = "status " + answer.statusCode() + ": " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " did not answer 200 within 30 s: " + last);
    }

    /** The answers of {@code count} requests sent from now on. */
    static List<TrafficClient.Result> sample(TrafficClient client, int count) throws InterruptedException {
        return client.next(client.results().size(), count);
    }
}
