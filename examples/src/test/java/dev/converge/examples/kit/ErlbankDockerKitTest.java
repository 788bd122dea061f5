package dev.converge.examples.kit;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.policy.Policy;
import dev.converge.engine.policy.StarterPolicies;
import dev.converge.engine.policy.Violation;
import dev.converge.examples.erlbank.docker.ErlbankDocker;
import dev.converge.providers.docker.DockerProvider;
import dev.converge.testing.ConvergeTest;
import dev.converge.testing.InMemoryCloud;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Erlbank on Docker, tested with the kit: the Docker provider's own schemas and diff, no daemon. */
class ErlbankDockerKitTest {

    static final Map<String, String> CONFIG = Map.of("erlbank.sources", sources().toString());

    static Path sources() {
        Path inModule = Path.of("src/main/erlbank");
        return (inModule.toFile().isDirectory() ? inModule : Path.of("examples/src/main/erlbank")).toAbsolutePath();
    }

    /** A kit whose in-memory Docker publishes the front end on port 8080, as the real daemon would. */
    static ConvergeTest kit() {
        InMemoryCloud docker = InMemoryCloud.of(new DockerProvider())
                .computing("docker:Container", "publishedPorts", (address, id, inputs) -> Map.of("80/tcp", 8080L));
        return ConvergeTest.with(docker).config(CONFIG);
    }

    @Test
    void firstPlanCreatesTheWholeEnvironment() {
        Plan plan = kit().plan(new ErlbankDocker());

        assertThat(plan).creates("net1", "erlbank-data", "busybox", "nginx", "accounts-image", "accounts",
                        "transfers", "statements", "frontend-image", "frontend")
                .hasNoDeletes().hasResourceCount(12)
                .resource("accounts").hasType("docker:Container").hasEntry("env", "NODE_NAME", "accounts")
                .hasEntry("env", "LOG_LEVEL", "info").hasProperty("hostname", "accounts").hasUnknownProperty("image")
                .and().resource("statements").hasEntry("env", "TRANSFERS_HOST", "transfers@transfers");
    }

    @Test
    void applyGivesTheUrlAndASecondPlanIsEmpty() {
        ConvergeTest kit = kit();

        ConvergeTest.Applied applied = kit.apply(new ErlbankDocker());

        assertThat(applied.result().succeeded()).isTrue();
        assertThat(applied.outputs()).containsEntry("url", "http://localhost:8080/");
        assertThat(applied.resources()).hasSize(12);
        assertThat(kit.plan(new ErlbankDocker())).hasNoChanges();
    }

    @Test
    void aLogLevelChangeReplacesOnlyThatService() {
        ConvergeTest kit = kit();
        kit.apply(new ErlbankDocker());

        Plan plan = kit.config("transfers.log.level", "debug").plan(new ErlbankDocker());

        // Docker cannot change a container's environment in place: the provider's diff says replace.
        assertThat(plan).replaces("transfers").hasNoDeletes().hasSummary(1, 0, 1)
                .leavesUnchanged("accounts", "statements", "frontend", "erlbank-data")
                .resource("transfers").changesOnly("env.LOG_LEVEL").hasEntry("env", "LOG_LEVEL", "debug");
    }

    @Test
    void theStarterPackFlagsMissingMemoryLimitsAndTheUnprotectedDataVolume() {
        List<Violation> violations = kit().policies(StarterPolicies.all()).violations(new ErlbankDocker());

        assertThat(violations).extracting(v -> v.policy() + " " + v.address()).containsExactlyInAnyOrder(
                "memory-limits accounts", "memory-limits transfers", "memory-limits statements",
                "memory-limits frontend", "data-protected erlbank-data");
        assertThatThrownBy(() -> kit().policies(StarterPolicies.all()).apply(new ErlbankDocker()))
                .isInstanceOf(ConvergeException.class).hasMessageContaining("erlbank-data: policy 'data-protected'");
    }

    @Test
    void theTeamsPoliciesPassImagesArePinnedAndNoSecretsInEnv() {
        List<Policy> team = List.of(StarterPolicies.pinnedImages(), StarterPolicies.noPlainSecretsInEnv(),
                StarterPolicies.memoryLimits().as(Policy.Enforcement.ADVISORY));
        ConvergeTest kit = kit().policies(team);

        assertThat(kit.apply(new ErlbankDocker()).result().succeeded()).isTrue();
        assertThat(kit.plan(new ErlbankDocker()).warnings()).extracting(w -> w.address())
                .contains("accounts", "frontend");
    }
}
