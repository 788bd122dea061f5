package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.fail;

import dev.converge.testing.RequiredServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one-node cluster of {@code scripts/k8s/start-control-plane.sh} and {@code start-node.sh}, named by
 * {@code KUBECONFIG}, where pods really run ({@link #NODE}). Also builds the Erlbank images from
 * {@code examples/src/main/erlbank} in the dockerd ({@code DOCKER_HOST}, {@link RequiredServer#DOCKER}) and
 * imports them into the node (once per JVM).
 */
public final class PodsCluster {

    /**
     * The cluster in {@code KUBECONFIG} with a Ready node. Without {@code KUBECONFIG} these tests skip, or fail
     * under {@code CONVERGE_REQUIRE_SERVERS=1}; a cluster that does not answer or has no Ready node fails them.
     */
    static final RequiredServer NODE = RequiredServer.of("Kubernetes cluster with a node", "KUBECONFIG",
            "eval \"$(scripts/k8s/start-control-plane.sh)\"; eval \"$(scripts/k8s/start-node.sh)\" (as root)");
    /** The Erlbank images and their tag, {@code erlbank.version}'s default in the example. */
    static final String ERLBANK_TAG = "1.0.0";

    /** Kept so the levels stick: a closed client's event loop logs late connection notices as SEVERE (noise). */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.netty.util.concurrent.DefaultPromise"),
            Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker"));
    private static KubernetesClient admin;
    private static final Set<String> IMPORTED_TAGS = new HashSet<>();

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.OFF));
    }

    private PodsCluster() {
    }

    /** The admin client, after checking that the API server answers and the node is Ready. */
    static synchronized KubernetesClient admin() {
        if (admin != null) {
            return admin;
        }
        String kubeconfig = NODE.value();
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        List<Node> nodes;
        try {
            nodes = client.nodes().list().getItems();
        } catch (RuntimeException e) {
            client.close();
            throw NODE.notAnswering(kubeconfig, "the API server at " + config.getMasterUrl() + ": " + e.getMessage());
        }
        boolean ready = nodes.stream().anyMatch(node -> node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        if (!ready) {
            client.close();
            throw NODE.notAnswering(kubeconfig, "the API server answers, but none of its " + nodes.size()
                    + " nodes is Ready; these tests run pods");
        }
        admin = client;
        return admin;
    }

    /**
     * Builds the Erlbank images ({@code erlbank/<service>:<tag>} for each of {@code services} and
     * {@code erlbank/frontend:<tag>}, for each tag) from the Dockerfiles in {@code examples/src/main/erlbank}
     * in the dockerd at {@code DOCKER_HOST} (skips or fails without it) and imports them into the node's
     * containerd with {@code scripts/k8s/import-images.sh}; once per JVM and tag. Public for the other
     * end-to-end tests that run Erlbank's pods.
     */
    public static synchronized void requireErlbankImages(List<String> services, String... tags) {
        String dockerHost = RequiredServer.DOCKER.value();
        Path root = repositoryRoot();
        Path sources = root.resolve("examples/src/main/erlbank");
        List<String> images = new ArrayList<>();
        for (String tag : tags) {
            if (!IMPORTED_TAGS.add(tag)) {
                continue;
            }
            for (String service : services) {
                images.add(build(dockerHost, "erlbank/" + service + ":" + tag, sources.resolve("service"), service));
            }
            images.add(build(dockerHost, "erlbank/frontend:" + tag, sources.resolve("frontend"), null));
        }
        if (images.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/k8s/import-images.sh").toString()));
        command.addAll(images);
        run(command, "import the Erlbank images into the node (DOCKER_HOST=" + dockerHost
                + "; the node's CONVERGE_K8S_DIR must be this JVM's)");
    }

    private static String build(String dockerHost, String image, Path context, String service) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost, "build", "-q", "-t", image));
        if (service != null) {
            command.addAll(List.of("--build-arg", "SERVICE=" + service));
        }
        command.add(context.toString());
        run(command, "build " + image);
        return image;
    }

    /** Runs kubectl (from CONVERGE_K8S_BIN, build.sh's cache, else the PATH); fails the test unless it succeeds. */
    static String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectlBinary()));
        command.addAll(List.of(args));
        return run(command, "kubectl " + String.join(" ", args));
    }

    private static String run(List<String> command, String what) {
        try {
            Path log = Files.createTempFile("pods-it", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = builder.start();
            boolean done = process.waitFor(300, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!done) {
                process.destroyForcibly();
                fail(what + " did not finish in 300 s: " + output);
            }
            if (process.exitValue() != 0) {
                fail(what + " failed (exit " + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + what, e);
        }
    }

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

    /** The checkout: the first directory above the working directory that has scripts/k8s. */
    static Path repositoryRoot() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("scripts/k8s")) && Files.isDirectory(at.resolve("examples/src/main/erlbank"))) {
                return at;
            }
        }
        throw new AssertionError("cannot find scripts/k8s and examples/src/main/erlbank above "
                + Path.of("").toAbsolutePath());
    }
}
