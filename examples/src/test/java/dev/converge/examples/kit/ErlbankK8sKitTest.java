package dev.converge.examples.kit;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.plan.Plan;
import dev.converge.engine.policy.StarterPolicies;
import dev.converge.engine.policy.Violation;
import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import dev.converge.providers.k8s.KubernetesProvider;
import dev.converge.testing.ConvergeTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Erlbank on Kubernetes with the kit: the Kubernetes provider's schemas and diff, no cluster. */
class ErlbankK8sKitTest {

    static ConvergeTest kit() {
        return ConvergeTest.with(new KubernetesProvider());
    }

    @Test
    void firstPlanCreatesNamespaceSettingsDeploymentsServicesFrontEndAndIngress() {
        Plan plan = kit().plan(new ErlbankK8s());

        assertThat(plan).creates("erlbank", "erlbank-settings", "deployments/accounts", "deployments/transfers",
                        "deployments/statements", "services/accounts", "services/transfers", "services/statements",
                        "erlbank-web", "erlbank-frontend", "deployments/frontend", "services/frontend")
                .hasResourceCount(12).hasNoDeletes()
                .resource("deployments/accounts").hasType("k8s:Deployment");
    }

    @Test
    void scalingUpdatesInPlaceAndANewVersionTouchesOnlyDeployments() {
        ConvergeTest kit = kit();
        kit.apply(new ErlbankK8s());

        assertThat(kit.config("transfers.replicas", "3").plan(new ErlbankK8s()))
                .updates("deployments/transfers").hasNoReplacements().hasNoDeletes().hasSummary(0, 1, 0);
        kit.apply(new ErlbankK8s());
        assertThat(kit.config("erlbank.version", "1.1.0").plan(new ErlbankK8s()))
                .updates("deployments/accounts", "deployments/transfers", "deployments/statements")
                .leavesUnchanged("services/accounts", "erlbank-web").hasNoDeletes();
    }

    @Test
    void anotherNamespaceMovesEverything() {
        ConvergeTest kit = kit();
        kit.apply(new ErlbankK8s());

        Plan plan = kit.config("erlbank.namespace", "erlbank-2").plan(new ErlbankK8s());

        // The Namespace resource is named after the namespace, so it is a new resource; everything in it
        // is replaced because the provider's schema says a namespace cannot change in place.
        assertThat(plan).deletes("erlbank").creates("erlbank-2")
                .replaces("deployments/accounts", "services/accounts", "erlbank-settings", "erlbank-web");
    }

    @Test
    void planMatchesTheReviewedSnapshot() {
        assertThat(kit().plan(new ErlbankK8s()))
                .matchesSnapshot(Path.of("src/test/resources/plans/erlbank-k8s.txt"));
    }

    @Test
    void starterPackWantsMemoryLimitsOnEveryDeployment() {
        List<Violation> violations = kit().policies(StarterPolicies.all()).violations(new ErlbankK8s());

        assertThat(violations).extracting(v -> v.policy() + " " + v.address()).containsExactlyInAnyOrder(
                "memory-limits deployments/accounts", "memory-limits deployments/transfers",
                "memory-limits deployments/statements", "memory-limits deployments/frontend");
    }
}
