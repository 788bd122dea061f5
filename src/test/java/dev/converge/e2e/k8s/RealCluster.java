package dev.converge.e2e.k8s;

import static org.assertj.core.api.Assertions.fail;

import dev.converge.testing.RequiredServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real control plane that {@code scripts/k8s/start-control-plane.sh} starts, named by
 * {@code KUBECONFIG}: the one place these end-to-end tests check for it, through
 * {@link RequiredServer#KUBERNETES} (skipped with one line without {@code KUBECONFIG}, failed under
 * {@code CONVERGE_REQUIRE_SERVERS=1}; a {@code KUBECONFIG} naming no file or a server that does not answer
 * always fails). Each instance gives its test a namespace name of its own (for the Erlbank examples'
 * {@code erlbank.namespace}), deleted on {@link #close()}.
 */
final class RealCluster implements AutoCloseable {

    /**
     * Kept so the levels stick. Netty logs a SEVERE stack trace whenever a closed client's event loop drops
     * a late connection-closed notice, which every CLI run that closes its provider causes; Vert.x warns
     * whenever an event loop is busy for 2 s, which Jackson's first look at the Kubernetes model takes on a
     * loaded machine. Noise, not failures.
     */
    private static final java.util.logging.Logger NETTY_PROMISE_LOG =
            java.util.logging.Logger.getLogger("io.netty.util.concurrent.DefaultPromise");
    private static final java.util.logging.Logger BLOCKED_THREAD_LOG =
            java.util.logging.Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");

    static {
        NETTY_PROMISE_LOG.setLevel(java.util.logging.Level.OFF);
        BLOCKED_THREAD_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final KubernetesClient admin;
    private final String namespace = "erlbank-" + UUID.randomUUID().toString().substring(0, 8);

    RealCluster() {
        String kubeconfig = RequiredServer.KUBERNETES.value();
        if (!Files.isRegularFile(Path.of(kubeconfig))) {
            throw RequiredServer.KUBERNETES.notAnswering(kubeconfig, "no such file (a stopped control plane?)");
        }
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(0);
        admin = new KubernetesClientBuilder().withConfig(config).build();
        String ready;
        try {
            ready = admin.raw(admin.getMasterUrl() + "readyz");
        } catch (RuntimeException e) {
            throw RequiredServer.KUBERNETES.notAnswering(kubeconfig, e.getMessage());
        }
        if (!"ok".equals(ready)) {
            throw RequiredServer.KUBERNETES.notAnswering(kubeconfig, "/readyz answered " + ready);
        }
    }

    KubernetesClient admin() {
        return admin;
    }

    /** The namespace this test's Erlbank lives in. */
    String namespace() {
        return namespace;
    }

    /**
     * The configuration of Erlbank on this cluster: its own namespace, quick polling, a secrets passphrase,
     * plus {@code extra} (such as {@code accounts.replicas=0} to run without a node).
     */
    Map<String, String> config(Map<String, String> extra) {
        Map<String, String> config = new TreeMap<>(Map.of("erlbank.namespace", namespace, "k8s.pollMillis", "100",
                "secrets.passphrase", "integration-test"));
        config.putAll(extra);
        return config;
    }

    /** Erlbank's settings without pods (every service at zero replicas: runs without a node), plus {@code extra}. */
    static Map<String, String> noPods(Map<String, String> extra) {
        Map<String, String> config = new TreeMap<>();
        dev.converge.examples.erlbank.k8s.ErlbankK8s.SERVICES.forEach(service -> config.put(service + ".replicas", "0"));
        config.put("frontend.replicas", "0");
        config.putAll(extra);
        return config;
    }

    /**
     * This test's stack name (the namespace's): unique, because crash recovery adopts whatever carries the
     * stack's labels and the address anywhere in the cluster, including other tests' namespaces.
     */
    String stack() {
        return namespace;
    }

    /** One command of Erlbank's command line in {@code workDir}, on this test's stack, local state. */
    CliRun cli(Path workDir, String... args) {
        List<String> withStack = new ArrayList<>(List.of(args));
        withStack.addAll(List.of("--stack", stack()));
        return CliRun.of(new dev.converge.examples.erlbank.k8s.ErlbankK8s(), workDir, null,
                withStack.toArray(String[]::new));
    }

    /** Writes {@code converge.<stack>.properties} with {@link #config} into {@code workDir}. */
    void writeStackConfig(Path workDir, Map<String, String> extra) {
        StringBuilder text = new StringBuilder();
        config(extra).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(workDir.resolve("converge." + stack() + ".properties"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Skips or fails ({@link RequiredServer#KUBERNETES_NODE}) unless a node is Ready, then builds Erlbank's images
     * ({@code erlbank/<service>:<version>} and the front end) and imports them into the node's containerd
     * ({@link dev.converge.e2e.pods.PodsCluster#requireErlbankImages}; no registry: the node runs only what it holds).
     */
    void requireNodeWithErlbankImages(String... versions) {
        boolean ready = admin.nodes().list().getItems().stream().anyMatch(node -> node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        if (!ready) {
            RequiredServer.KUBERNETES_NODE.absent("none Ready; these tests run pods");
        }
        dev.converge.e2e.pods.PodsCluster.requireErlbankImages(dev.converge.examples.erlbank.k8s.ErlbankK8s.SERVICES,
                versions);
    }

    /** Runs the real kubectl in this test's namespace; fails the test unless it succeeds. */
    String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectlBinary(), "--namespace", namespace));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a command; fails the test unless it succeeds within a minute; returns its output. */
    private static String run(List<String> command) {
        try {
            Path log = Files.createTempFile("kubectl", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!done || process.exitValue() != 0) {
                fail(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** kubectl from CONVERGE_K8S_BIN (set by scripts/test.sh), else build.sh's cache, else the PATH. */
    private static String kubectlBinary() {
        String bin = System.getenv("CONVERGE_K8S_BIN");
        Path cache = Path.of(System.getenv().getOrDefault("CONVERGE_CACHE_DIR",
                System.getProperty("user.home") + "/.cache/converge"), "k8s", "bin");
        for (Path dir : bin == null ? List.of(cache) : List.of(Path.of(bin), cache)) {
            if (Files.isExecutable(dir.resolve("kubectl"))) {
                return dir.resolve("kubectl").toString();
            }
        }
        return "kubectl";
    }

    @Override
    public void close() {
        try {
            admin.namespaces().withName(namespace).delete();
        } finally {
            admin.close();
        }
    }
}
