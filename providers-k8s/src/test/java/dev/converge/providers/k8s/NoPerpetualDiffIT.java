package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind applied twice through the command line against the real API server: the second plan is
 * empty although the server filled in defaults ({@code imagePullPolicy}, {@code strategy},
 * {@code sessionAffinity}, the HPA's {@code behavior}, ...), a cluster IP, managedFields, generation
 * and status, and the controller-manager wrote annotations and status meanwhile. Covers what the mock
 * tests ({@code ConvergenceTest}, {@code WorkloadTest}) could only inject by hand.
 */
class NoPerpetualDiffIT extends OnRealApiServer {

    private EveryKind program;

    @BeforeEach
    void start() {
        program = new EveryKind(server.namespace().substring(3), "converge/busybox:1");
    }

    @AfterEach
    void destroy() {
        CliRun destroy = server.cli(program, dir, "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
    }

    @Test
    void everyKindAppliedTwiceGivesAnEmptySecondPlan() {
        CliRun first = server.cli(program, dir, "apply", "--auto-approve");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Resources: 13 added, 0 changed, 0 destroyed.");

        CliRun plan = server.cli(program, dir, "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        CliRun second = server.cli(program, dir, "apply", "--auto-approve");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("No changes.");
    }
}
