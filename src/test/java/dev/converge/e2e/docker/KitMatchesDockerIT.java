package dev.converge.e2e.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.Program;
import dev.converge.e2e.PlanChanges;
import dev.converge.engine.Converge;
import dev.converge.examples.deploy.ErlbankReleases;
import dev.converge.examples.erlbank.docker.ErlbankDocker;
import dev.converge.providers.docker.DockerProvider;
import dev.converge.testing.ConvergeTest;
import dev.converge.testing.RequiredServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's contract (issue 8) for the Erlbank-on-Docker example: the plan the kit computes in
 * memory, from the Docker provider's own schema and diff code, equals the plan against the real Docker
 * engine ({@code DOCKER_HOST}, with the base images {@code converge/nginx:1} and {@code converge/busybox:1}),
 * before the first apply and after a configuration change that Docker can only make by replacing the
 * services' containers. Ids are left out, and so are the before/after values of changes other than
 * creates (unchanged resources are compared as no-ops): the daemon's ids, addresses and port maps differ from the kit's placeholders by design; the
 * actions, the declared values, the replacement order and every property diff must be the same.
 *
 * <p>The release example (deployment strategies on Docker) is compared on its first plan only.
 *
 * <p>Without {@code DOCKER_HOST} it skips, or fails under {@code CONVERGE_REQUIRE_SERVERS=1}
 * ({@link RequiredServer}); it fails when the base images are missing. Runs in its own stack and removes
 * what it created, even when it fails.
 */
class KitMatchesDockerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String stack;

    @BeforeEach
    void requireDockerd() {
        RequiredServer.DOCKER.value();
        String[] images = DockerLeftovers.run("image", "inspect", "--format", "{{.Id}}", "converge/busybox:1",
                "converge/nginx:1");
        assertThat(images[0]).as("base images converge/busybox:1 and converge/nginx:1 (run "
                + "scripts/docker/build-base-images.sh): " + images[1]).isEqualTo("0");
        stack = "kit" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void destroyWhatWasCreated() throws IOException {
        if (stack == null) {
            return; // skipped or failed before it created anything
        }
        try {
            Cli destroy = real(new ErlbankDocker(), config("info"), "destroy", "--auto-approve");
            assertThat(destroy.exitCode()).as(destroy.output()).isZero();
            assertThat(DockerLeftovers.of(stack)).as("objects labelled converge.stack=" + stack).isEmpty();
        } finally {
            DockerLeftovers.remove(stack);
        }
    }

    @Test
    void theKitPlansExactlyWhatDockerdPlans() throws IOException {
        ConvergeTest kit = ConvergeTest.with(new DockerProvider()).stack(stack);
        Map<String, String> v1 = config("info");
        String firstReal = realChanges(new ErlbankDocker(), v1);
        assertThat(PlanChanges.of(kit.withConfig(v1).plan(new ErlbankDocker()))).isEqualTo(firstReal);
        assertThat(firstReal).contains("\"action\":\"create\"").doesNotContain("\"action\":\"replace\"");

        assertThat(kit.apply(new ErlbankDocker()).result().succeeded()).isTrue();
        Cli apply = real(new ErlbankDocker(), v1, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.output()).isZero();
        String appliedReal = realChanges(new ErlbankDocker(), v1);
        assertThat(PlanChanges.of(kit.plan(new ErlbankDocker()))).isEqualTo(appliedReal);
        assertThat(appliedReal).as("after apply both sides plan nothing").contains("\"action\":\"no_op\"")
                .doesNotContain("\"action\":\"create\"", "\"action\":\"update\"", "\"action\":\"replace\"");

        Map<String, String> v2 = config("debug");
        String changedReal = realChanges(new ErlbankDocker(), v2);
        assertThat(PlanChanges.of(kit.withConfig(v2).plan(new ErlbankDocker()))).isEqualTo(changedReal);
        // Docker cannot change a container's environment in place: the provider's diff says replace.
        assertThat(changedReal).contains("\"address\":\"accounts\"", "\"action\":\"replace\"", "LOG_LEVEL")
                .doesNotContain("\"action\":\"create\"");
    }

    /**
     * The release example's first plan, for each strategy: the deploy provider's schema and diff run in
     * the engine on both sides, the templates' through the Docker provider. Only the first plan: the kit
     * cannot apply a strategy (its in-memory Docker offers no traffic router, and probes need a real
     * endpoint), so there is no second plan to compare.
     */
    @Test
    void theKitPlansTheReleaseExampleExactlyAsDockerdDoesForEveryStrategy() throws IOException {
        for (String strategy : List.of("bluegreen", "canary", "shadow")) {
            Map<String, String> config = Map.of("erlbank.sources", sources().toString(), "accounts.strategy", strategy);
            String real = realChanges(new ErlbankReleases(), config);
            ConvergeTest kit = ConvergeTest.with(new DockerProvider()).stack(stack).withConfig(config);
            assertThat(PlanChanges.of(kit.plan(new ErlbankReleases()))).as(strategy).isEqualTo(real);
            assertThat(real).as(strategy).contains("\"address\":\"accounts-release\"", "\"action\":\"create\"");
        }
    }

    /** The stack configuration: the example's sources, a port Docker chooses, and the log level. */
    private static Map<String, String> config(String logLevel) {
        return Map.of("erlbank.sources", sources().toString(), "frontend.port", "0", "log.level", logLevel);
    }

    private static Path sources() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("examples/src/main/erlbank");
            if (Files.isDirectory(candidate.resolve("service"))) {
                return candidate;
            }
        }
        throw new AssertionError("cannot find examples/src/main/erlbank above " + Path.of("").toAbsolutePath());
    }

    private String realChanges(Program program, Map<String, String> config) throws IOException {
        Cli plan = real(program, config, "plan", "--json");
        assertThat(plan.exitCode()).as(plan.output()).isZero();
        return PlanChanges.of(JSON.readTree(plan.out()).get("changes"));
    }

    private record Cli(int exitCode, String out, String err) {
        String output() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    /** One CLI command against dockerd, with only the Docker provider (and the engine's deploy provider). */
    private Cli real(Program program, Map<String, String> config, String... args) throws IOException {
        StringBuilder properties = new StringBuilder();
        new TreeMap<>(config).forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Files.writeString(dir.resolve("converge." + stack + ".properties"), properties);
        Map<String, String> environment = new HashMap<>();
        System.getenv().forEach((key, value) -> {
            if (!key.startsWith("CONVERGE_")) { // only the file configures the stack
                environment.put(key, value);
            }
        });
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--stack", stack));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Converge.builder(program).withoutServiceLoader().provider(new DockerProvider())
                .workDir(dir).environment(environment).input(new ByteArrayInputStream(new byte[0]))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run(all.toArray(String[]::new));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
