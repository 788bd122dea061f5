package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.fail;

import dev.converge.spi.ConfigureRequest;
import dev.converge.testing.RequiredServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) that
 * {@code scripts/k8s/start-control-plane.sh} starts, named by {@code KUBECONFIG}. The one place the
 * providers-k8s integration tests check for it, through {@link RequiredServer#KUBERNETES}: without
 * {@code KUBECONFIG} a test is skipped with one line saying how to start the control plane, or fails
 * under {@code CONVERGE_REQUIRE_SERVERS=1} (as {@code scripts/test.sh} runs them); a {@code KUBECONFIG}
 * that names no file or a server that does not answer always fails. Each instance works in a new
 * namespace of its own, removed on {@link #close()}, so tests share the server but never each other's
 * objects.
 */
final class RealApiServer implements AutoCloseable {

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
    private final String namespace;

    RealApiServer() {
        admin = newClient();
        requireAnswering(admin);
        namespace = "it-" + UUID.randomUUID().toString().substring(0, 8);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
    }

    /** The configuration from {@code KUBECONFIG}; skips or fails the test without it (see the class). */
    static Config config() {
        String kubeconfig = RequiredServer.KUBERNETES.value();
        if (!Files.isRegularFile(Path.of(kubeconfig))) {
            throw RequiredServer.KUBERNETES.notAnswering(kubeconfig, "no such file (a stopped control plane?)");
        }
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /** Fails the test unless the API server answers {@code /readyz}. */
    static void requireAnswering(KubernetesClient client) {
        String where = client.getMasterUrl() + " (KUBECONFIG=" + System.getenv("KUBECONFIG") + ")";
        try {
            String ready = client.raw(client.getMasterUrl() + "readyz");
            if (!"ok".equals(ready)) {
                throw RequiredServer.KUBERNETES.notAnswering(where, "/readyz answered " + ready);
            }
        } catch (RuntimeException e) {
            throw RequiredServer.KUBERNETES.notAnswering(where, e.getMessage());
        }
    }

    /**
     * Skips or fails the test ({@link RequiredServer#KUBERNETES_NODE}) unless a node is Ready, so that pods
     * run: tests of rollouts, autoscaling and deletion of pods need {@code scripts/k8s/start-node.sh}.
     */
    void requireNode() {
        boolean ready = admin.nodes().list().getItems().stream().anyMatch(node -> node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        if (!ready) {
            RequiredServer.KUBERNETES_NODE.absent("none Ready at " + admin.getMasterUrl() + "; this test runs pods");
        }
    }

    /** A client of its own, as another process (kubectl, a controller, a second CI job) would have. */
    static KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    KubernetesClient admin() {
        return admin;
    }

    /** This test's namespace: new, empty, removed at the end. */
    String namespace() {
        return namespace;
    }

    /**
     * This test's stack name (the namespace's): unique, because crash recovery adopts whatever carries the
     * stack's labels and the address anywhere in the cluster, including other tests' namespaces.
     */
    String stack() {
        return namespace;
    }

    /** One command of the command line for {@code program} in {@code workDir}, on this test's stack. */
    CliRun cli(dev.converge.api.Program program, Path workDir, String... args) {
        return CliRun.of(program, workDir, stack(), args);
    }

    /** The provider as ServiceLoader creates it, configured for this namespace through settings only. */
    KubernetesProvider provider(String stack, Map<String, String> extra) {
        KubernetesProvider provider = new KubernetesProvider();
        provider.configure(new ConfigureRequest(stack, settings(extra), Path.of(".")));
        return provider;
    }

    /** The stack settings a user would write: this namespace, quick polling, plus {@code extra}. */
    Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("k8s.namespace", namespace);
        settings.put("k8s.pollMillis", "100");
        settings.putAll(extra);
        return settings;
    }

    /**
     * Writes {@code converge.<stack>.properties} with {@link #settings} and a secrets passphrase (the
     * state holds Secret data) into {@code workDir}.
     */
    void writeStackConfig(Path workDir, Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>(Map.of("secrets.passphrase", "integration-test"));
        config.putAll(extra);
        StringBuilder text = new StringBuilder();
        settings(config).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(workDir.resolve("converge." + stack() + ".properties"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A finished kubectl run. */
    record Kubectl(int exitCode, String output) {
    }

    /** Runs the real kubectl binary against this server, in this test's namespace. */
    Kubectl kubectl(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(kubectlBinary(), "--namespace", namespace));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("kubectl", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl did not finish in 60 s: " + command);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Kubectl(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs kubectl and fails the test unless it succeeds; returns its output. */
    String kubectl(String... args) {
        Kubectl run = kubectl(Map.of(), args);
        if (run.exitCode() != 0) {
            fail("kubectl " + String.join(" ", args) + " failed (exit " + run.exitCode() + "): " + run.output());
        }
        return run.output();
    }

    /**
     * {@code kubectl edit} of one object with an editor script that replaces the regular expression
     * {@code from} by {@code to} (sed syntax; neither may hold {@code |} or a quote).
     */
    String kubectlEdit(String object, String from, String to) {
        if ((from + to).matches(".*['|].*")) {
            throw new IllegalArgumentException("no '|' or quote in an edit: " + from + " -> " + to);
        }
        try {
            Path editor = Files.createTempFile("kubectl-editor", ".sh");
            Files.writeString(editor, "#!/bin/sh\nexec sed -i 's|" + from + "|" + to + "|' \"$1\"\n");
            editor.toFile().setExecutable(true);
            Kubectl run = kubectl(Map.of("KUBE_EDITOR", editor.toString()), "edit", object);
            Files.delete(editor);
            if (run.exitCode() != 0 || !run.output().contains("edited")) {
                fail("kubectl edit " + object + " changed nothing (exit " + run.exitCode() + "): " + run.output());
            }
            return run.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kubectl from CONVERGE_K8S_BIN (set by scripts/test.sh), else build.sh's cache, else the PATH. */
    static String kubectlBinary() {
        String bin = System.getenv("CONVERGE_K8S_BIN");
        if (bin != null && Files.isExecutable(Path.of(bin, "kubectl"))) {
            return Path.of(bin, "kubectl").toString();
        }
        String cache = System.getenv().getOrDefault("CONVERGE_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "converge").toString());
        Path cached = Path.of(cache, "k8s", "bin", "kubectl");
        return Files.isExecutable(cached) ? cached.toString() : "kubectl";
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
