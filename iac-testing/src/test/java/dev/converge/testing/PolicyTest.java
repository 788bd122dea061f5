package dev.converge.testing;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Secret;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.policy.Policy;
import dev.converge.engine.policy.StarterPolicies;
import dev.converge.engine.policy.Violation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

    /** Breaks every starter policy once, and has one compliant resource of each kind. */
    static final Program SLOPPY = stack -> {
        stack.add(DemoProviders.container("latest", "shop/api:latest").set("memory", 128));
        stack.add(DemoProviders.container("untagged", "shop/api").set("memory", 128));
        stack.add(DemoProviders.container("nolimit", "shop/api:1.0"));
        stack.add(DemoProviders.container("leaky", "shop/db:1.0").set("memory", 128)
                .put("env", "DB_PASSWORD", "hunter2").put("env", "LOG_LEVEL", "info"));
        stack.add(DemoProviders.container("good", "shop/api@sha256:abc").set("memory", 128)
                .put("env", "API_TOKEN", Secret.of("t0k3n")));
        stack.add(GenericResource.of("docker:Volume", "data").holdsData());
        stack.add(GenericResource.of("docker:Volume", "kept").holdsData().protect());
        stack.add(GenericResource.of("aws:S3Bucket", "public").set("bucket", "acme-public"));
        stack.add(GenericResource.of("aws:S3Bucket", "private").set("bucket", "acme-private")
                .set("blockPublicAccess", true));
        stack.add(GenericResource.of("k8s:Deployment", "web").set("spec", Map.of("template", Map.of("spec",
                Map.of("containers", List.of(Map.of("name", "web", "image", "web:latest",
                        "env", List.of(Map.of("name", "SECRET_KEY", "value", "plain")))))))));
        stack.add(GenericResource.of("k8s:Deployment", "api").set("spec", Map.of("template", Map.of("spec",
                Map.of("containers", List.of(Map.of("name", "api", "image", "api:2.1",
                        "resources", Map.of("limits", Map.of("memory", "256Mi")),
                        "env", List.of(Map.of("name", "SECRET_KEY", "valueFrom", Map.of("secretKeyRef",
                                Map.of("name", "api", "key", "k")))))))))));
    };

    private static ConvergeTest kit() {
        return ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker()), InMemoryCloud.of(DemoProviders.aws()),
                InMemoryCloud.of(DemoProviders.k8s())).policies(StarterPolicies.all());
    }

    @Test
    void starterPackFindsEachViolationWithItsAddress() {
        List<Violation> violations = kit().violations(SLOPPY);

        assertThat(violations).extracting(v -> v.policy() + " " + v.address()).containsExactlyInAnyOrder(
                "no-public-buckets public",
                "memory-limits nolimit", "memory-limits web",
                "images-pinned latest", "images-pinned untagged", "images-pinned web",
                "data-protected data",
                "no-plain-secrets-in-env leaky", "no-plain-secrets-in-env web");
        assertThat(violations).allMatch(Violation::isMandatory);
        assertThat(violations.stream().filter(v -> v.address().equals(Address.parse("leaky"))).findFirst()
                .orElseThrow().message()).contains("DB_PASSWORD").doesNotContain("LOG_LEVEL");
    }

    @Test
    void aMandatoryViolationStopsApplyAndListsEveryViolation() {
        ConvergeTest kit = kit();

        assertThatThrownBy(() -> kit.apply(SLOPPY)).isInstanceOf(ConvergeException.class)
                .satisfies(e -> assertThat(((ConvergeException) e).diagnostics()).filteredOn(d -> d.isError())
                        .hasSize(10))
                .hasMessageContaining("Error: public: policy 'no-public-buckets' violated")
                .hasMessageContaining("Error: nolimit: policy 'memory-limits' violated");
        assertThat(kit.resources()).isEmpty();
        assertThat(kit.state().resources()).isEmpty();
    }

    @Test
    void advisoryViolationsBecomePlanWarnings() {
        Policy advisory = StarterPolicies.pinnedImages().as(Policy.Enforcement.ADVISORY);
        ConvergeTest kit = ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker())).policies(advisory);
        Program program = stack -> stack.add(DemoProviders.container("web", "nginx:latest"));

        var plan = kit.plan(program);

        assertThat(plan).creates("web");
        assertThat(plan.warnings()).anyMatch(w -> w.address().equals("web") && !w.isError()
                && w.summary().contains("images-pinned"));
        assertThat(kit.apply(program).result().succeeded()).isTrue();
    }

    @Test
    void customPoliciesSeeThePlanAndUnchangedResources() {
        Policy noDeletes = new Policy() {
            @Override
            public String name() {
                return "no-deletes";
            }

            @Override
            public Enforcement enforcement() {
                return Enforcement.MANDATORY;
            }

            @Override
            public List<Violation> check(dev.converge.engine.policy.PolicyInput input) {
                return input.plan().actions().stream()
                        .filter(c -> c.kind() == dev.converge.engine.plan.Change.Kind.DELETE)
                        .map(c -> new Violation(name(), enforcement(), c.address(), "deletes need a change request"))
                        .toList();
            }
        };
        ConvergeTest kit = ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker())).policies(noDeletes);
        kit.apply(stack -> {
            stack.add(DemoProviders.container("a", "x:1"));
            stack.add(DemoProviders.container("b", "x:1"));
        });

        assertThatThrownBy(() -> kit.plan(stack -> stack.add(DemoProviders.container("a", "x:1"))))
                .hasMessageContaining("b: policy 'no-deletes' violated");
    }

    @Test
    void theCommandLineRefusesPlanAndApplyWithExitCodeOne(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FakeProvider docker = DemoProviders.docker();
        var cli = Converge.builder(SLOPPY).withoutServiceLoader().provider(docker)
                .provider(DemoProviders.aws()).provider(DemoProviders.k8s()).workDir(dir)
                .environment(Map.of()).policies(StarterPolicies.all())
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .build();

        assertThat(cli.run("plan", "--stack", "dev")).isEqualTo(1);
        assertThat(cli.run("apply", "--auto-approve", "--stack", "dev")).isEqualTo(1);

        String errors = err.toString(StandardCharsets.UTF_8);
        for (String address : List.of("public", "nolimit", "web", "latest", "untagged", "data", "leaky")) {
            assertThat(errors).contains("Error: " + address + ": policy '");
        }
        assertThat(errors).contains("mandatory policy violation(s): nothing was changed");
        assertThat(docker.cloud()).isEmpty();
        assertThat(docker.calls()).isEmpty();
    }
}
