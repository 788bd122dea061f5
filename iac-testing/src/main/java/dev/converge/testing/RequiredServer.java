package dev.converge.testing;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server an integration test needs (a Docker daemon, moto, a Kubernetes API server), found through
 * an environment variable. The one place that decides what a missing server means:
 * <ul>
 *   <li>by default the test is <b>skipped</b>, and the first skip per server prints one line naming the
 *       server and how to start it, so that {@code mvn install} works on a machine without servers;</li>
 *   <li>with {@code CONVERGE_REQUIRE_SERVERS=1} (set by {@code scripts/test.sh}, so in CI) the test
 *       <b>fails</b> with the same text: a CI run never passes with a server missing.</li>
 * </ul>
 * A variable that is set but names a server that does not answer is always a failure
 * ({@link #notAnswering}): whoever set it expects the server to be there.
 *
 * <p>Two ways to use it. In a {@code @BeforeEach} (each test is skipped on its own):
 * <pre>{@code
 * String host = RequiredServer.DOCKER.value();
 * }</pre>
 * For a class that connects in {@code @BeforeAll}, register it as a condition, which is checked before
 * {@code @BeforeAll} and skips the class as one (a skip thrown from {@code @BeforeAll} itself would be
 * reported by surefire as a class with no tests at all):
 * <pre>{@code
 * @RegisterExtension
 * static final RequiredServer MOTO = RequiredServer.MOTO;
 * }</pre>
 */
public final class RequiredServer implements ExecutionCondition {

    /** The environment variable that turns a missing server from a skip into a failure. */
    public static final String REQUIRE_SERVERS = "CONVERGE_REQUIRE_SERVERS";

    /** The Docker engine at {@code DOCKER_HOST}, with the base images Converge's tests use. */
    public static final RequiredServer DOCKER = of("Docker daemon", "DOCKER_HOST",
            "eval \"$(scripts/docker/start-dockerd.sh)\" && scripts/docker/build-base-images.sh");

    /** The moto server at {@code AWS_ENDPOINT_URL}. */
    public static final RequiredServer MOTO = of("moto server", "AWS_ENDPOINT_URL",
            "eval \"$(scripts/aws/start-moto.sh)\"");

    /** The Kubernetes API server of the cluster in {@code KUBECONFIG}. */
    public static final RequiredServer KUBERNETES = of("Kubernetes API server", "KUBECONFIG",
            "eval \"$(scripts/k8s/start-control-plane.sh)\"");

    /** A Ready node of the cluster in {@code KUBECONFIG}, for tests that run pods (see {@link #absent}). */
    public static final RequiredServer KUBERNETES_NODE = of("Kubernetes node", "KUBECONFIG",
            "eval \"$(scripts/k8s/start-node.sh)\" (with the control plane's CONVERGE_K8S_DIR)");

    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private final String server;
    private final String variable;
    private final String howToStart;

    private RequiredServer(String server, String variable, String howToStart) {
        this.server = Objects.requireNonNull(server, "server");
        this.variable = Objects.requireNonNull(variable, "variable");
        this.howToStart = Objects.requireNonNull(howToStart, "howToStart");
    }

    /**
     * A server of your own tests.
     *
     * @param server what it is, as in "no Docker daemon"
     * @param variable the environment variable that names it
     * @param howToStart the command that starts one and sets the variable
     */
    public static RequiredServer of(String server, String variable, String howToStart) {
        return new RequiredServer(server, variable, howToStart);
    }

    /**
     * The variable's value, stripped. Without it the calling test is skipped (the first time per server
     * with one line on standard error), or fails under {@code CONVERGE_REQUIRE_SERVERS=1}.
     */
    public String value() {
        String value = find(System.getenv(), System.err);
        return value != null ? value : Assumptions.abort(missing());
    }

    /** As a condition: the class or test runs when the server is there; see {@link #value()} otherwise. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(System.getenv(), System.err);
    }

    ConditionEvaluationResult evaluate(Map<String, String> environment, PrintStream console) {
        String value = find(environment, console);
        return value != null ? ConditionEvaluationResult.enabled(variable + "=" + value)
                : ConditionEvaluationResult.disabled(missing());
    }

    /** The value; null (after announcing it) when the test is to be skipped; fails when servers are required. */
    String find(Map<String, String> environment, PrintStream console) {
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        if (required(environment)) {
            return Assertions.fail(missing() + " (" + REQUIRE_SERVERS + " is set: a missing server fails the build)");
        }
        if (ANNOUNCED.add(variable)) {
            console.println("SKIPPED: " + missing() + " (tests needing it are skipped; "
                    + REQUIRE_SERVERS + "=1 makes this a failure)");
        }
        return null;
    }

    /**
     * The failure for a server that the variable names but that does not answer; throw it.
     *
     * @param value where the server was looked for
     * @param detail what was tried and what came back
     */
    public AssertionError notAnswering(String value, String detail) {
        return new AssertionError(server + " at " + value + " (" + variable + ") does not answer: " + detail
                + " — start one with: " + howToStart);
    }

    /**
     * For a server its variable cannot tell about (a node of the cluster {@code KUBECONFIG} names): the
     * caller found it missing, so the test is skipped, or fails under {@code CONVERGE_REQUIRE_SERVERS=1},
     * as for a missing variable. Never returns.
     *
     * @param detail where it was looked for
     */
    public void absent(String detail) {
        String message = "no " + server + " (" + detail + ") — start one with: " + howToStart;
        if (required(System.getenv())) {
            Assertions.fail(message + " (" + REQUIRE_SERVERS + " is set: a missing server fails the build)");
        }
        Assumptions.abort(message);
    }

    /** "no Docker daemon (DOCKER_HOST unset) — start one with: ..." */
    String missing() {
        return "no " + server + " (" + variable + " unset) — start one with: " + howToStart;
    }

    static boolean required(Map<String, String> environment) {
        String flag = environment.getOrDefault(REQUIRE_SERVERS, "").strip();
        return flag.equals("1") || flag.equalsIgnoreCase("true");
    }

    @Override
    public String toString() {
        return server + " (" + variable + ")";
    }
}
