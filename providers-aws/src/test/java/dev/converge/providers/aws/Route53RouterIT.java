package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.spi.Ownership;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * BlueGreen and Canary of {@code aws:Ec2Instance}s through the unchanged engine and the Route 53 router,
 * against moto: the weights read back from moto after every routing step, the automatic rollback of a
 * version that fails its probe, and the refusal of a Shadow. {@link InstancesServer} plays the instances
 * for the probes. Each test has its own stack, zone and working directory, and destroys what it made;
 * moto is not reset, so tests of other modules running against the same server are not disturbed.
 */
class Route53RouterIT {

    /** What one CLI command returned and printed. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private AwsClients aws;
    private String stack;
    private Path workDir;
    private InstancesServer server;
    private ObservedAws provider;
    private ReleaseProgram program;
    private String ami1;
    private String ami2;

    @BeforeEach
    void setUp() throws Exception {
        String endpoint = Moto.endpoint();
        aws = Moto.clients();
        stack = "r" + UUID.randomUUID().toString().substring(0, 8);
        String domain = stack + ".converge.test";
        workDir = Files.createTempDirectory("converge-route53-it");
        Files.writeString(workDir.resolve("converge." + stack + ".properties"), "aws.region=us-east-1\n"
                + "aws.accessKeyId=testing\naws.secretAccessKey=testing\naws.endpoint=" + endpoint + "\n");
        List<String> images = aws.ec2().describeImages(b -> b.owners("amazon")).images().stream()
                .map(image -> image.imageId()).limit(2).toList();
        ami1 = images.get(0);
        ami2 = images.get(1);
        server = new InstancesServer(aws, domain, ReleaseProgram.SERVICE + "." + domain);
        provider = new ObservedAws(aws, domain, ReleaseProgram.SERVICE + "." + domain);
        program = new ReleaseProgram("bluegreen", domain, ami1, "ok v1", server.url());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (provider == null) {
            return; // setUp failed already, with the reason
        }
        Run destroy = run(program, "destroy", "--auto-approve");
        server.close();
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        assertThat(running()).as("instances left by the test").isEmpty();
        assertThat(provider.observe()).as("the zone is gone").isEqualTo("no zone");
        aws.close();
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void blueGreenSwitchesAllWeightAtOnceAndRollsBackAVersionThatFailsItsProbe() {
        assertApplied(program, List.of("preview=blue", "blue=100"));
        assertApplied(program.version(ami2, "ok v2"), List.of("blue=100", "blue=100 green=0 preview=green",
                "blue=0 green=100 preview=blue"));
        assertThat(run(program, "output", "live").out().strip()).isEqualTo("green");
        assertThat(running()).extracting(Route53RouterIT::name).containsExactlyInAnyOrder(
                stack + "-svc-blue", stack + "-svc-green");

        int before = provider.steps().size();
        Run failed = apply(program.version(ami1, "broken v3"));
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("failed verification", "probe GET /health",
                "the new version (blue, " + ami1 + ")", "all traffic stays on the stable version (green, " + ami2 + ")");
        assertThat(provider.steps().subList(before, provider.steps().size())).containsExactly("green=100",
                "blue=0 green=100 preview=blue", "green=100");
        assertThat(running()).as("the failed version is terminated").extracting(Route53RouterIT::name)
                .containsExactly(stack + "-svc-green");
    }

    @Test
    void canaryShiftsTenFiftyHundredThenRetiresTheStableVersion() {
        program = new ReleaseProgram("canary", program.domain(), ami1, "ok v1", server.url());
        assertApplied(program, List.of("preview=blue", "blue=100"));
        assertApplied(program.version(ami2, "ok v2"), List.of("blue=100", "blue=100 green=0 preview=green",
                "blue=90 green=10 preview=green", "blue=50 green=50 preview=green", "blue=0 green=100 preview=green",
                "green=100"));
        assertThat(running()).extracting(Route53RouterIT::name).containsExactly(stack + "-svc-green");
        assertThat(running().get(0).imageId()).isEqualTo(ami2);
    }

    @Test
    void aCanaryThatBreaksAtTenPercentIsRolledBackToTheStableVersion() {
        program = new ReleaseProgram("canary", program.domain(), ami1, "ok v1", server.url());
        assertApplied(program, List.of("preview=blue", "blue=100"));
        int before = provider.steps().size();
        // Healthy for the 3 requests of the preview probe, failing from the first probe at 10%.
        Run failed = apply(program.version(ami2, "breaks-after 3 v2"));
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("failed verification", "at 10%", "stays on the stable version (blue");
        assertThat(provider.steps().subList(before, provider.steps().size())).containsExactly("blue=100",
                "blue=100 green=0 preview=green", "blue=90 green=10 preview=green", "blue=100");
        assertThat(running()).extracting(Route53RouterIT::name).containsExactly(stack + "-svc-blue");
        assertThat(run(program, "output", "live").out().strip()).isEqualTo("blue");
    }

    @Test
    void leftoversOfAnInterruptedRunAreRemovedBeforeTheNextDeployment() {
        assertApplied(program, List.of("preview=blue", "blue=100"));
        // As a run killed mid-canary leaves it: a green instance and a share of traffic on it.
        Instance stray = aws.ec2().runInstances(b -> b.imageId(ami2).instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType("instance").tags(
                        software.amazon.awssdk.services.ec2.model.Tag.builder().key("Name").value(stack + "-svc-green")
                                .build(),
                        software.amazon.awssdk.services.ec2.model.Tag.builder().key(Ownership.STACK_LABEL).value(stack)
                                .build()))).instances().get(0);
        String leftover = stray.instanceId();
        String zoneId = aws.route53().listHostedZones().hostedZones().stream()
                .filter(zone -> zone.name().equals(program.domain() + ".")).findFirst().orElseThrow().id();
        aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(
                software.amazon.awssdk.services.route53.model.Change.builder().action("UPSERT").resourceRecordSet(
                        r -> r.name(program.recordName()).type("A").ttl(1L).setIdentifier("green").weight(50L)
                                .resourceRecords(v -> v.value("10.9.9.9"))).build())));
        assertThat(provider.observe()).isEqualTo("blue=100 green=50");

        assertApplied(program.version(ami2, "ok v2"), List.of("blue=100", "blue=100 green=0 preview=green",
                "blue=0 green=100 preview=blue"));
        assertThat(running()).extracting(Instance::instanceId).as("the leftover was terminated").doesNotContain(
                leftover).hasSize(2);
    }

    @Test
    void aShadowIsRefusedBeforeAnythingIsCreated() {
        program = new ReleaseProgram("shadow", program.domain(), ami1, "ok v1", server.url());
        Run refused = apply(program);
        assertThat(refused.exitCode()).as(refused.all()).isNotZero();
        assertThat(refused.all()).contains("svc", "deploy:Shadow", "cannot copy requests", "BlueGreen or Canary",
                "Docker or Kubernetes");
        assertThat(provider.steps()).isEmpty();
        assertThat(running()).isEmpty();
        assertThat(provider.observe()).as("not even the zone was created").isEqualTo("no zone");
    }

    private void assertApplied(ReleaseProgram next, List<String> steps) {
        int before = provider.steps().size();
        Run run = apply(next);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(provider.steps().subList(before, provider.steps().size())).as("Route 53 after each routing")
                .containsExactlyElementsOf(steps);
    }

    /** The stack's instances that run (not terminated). */
    private List<Instance> running() {
        return aws.ec2().describeInstances(b -> b.filters(f -> f.name("tag:" + Ownership.STACK_LABEL).values(stack),
                f -> f.name("instance-state-name").values("pending", "running"))).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
    }

    private static String name(Instance instance) {
        return instance.tags().stream().filter(tag -> tag.key().equals("Name")).map(tag -> tag.value()).findFirst()
                .orElse("?");
    }

    private Run apply(Program next) {
        return run(next, "apply", "--auto-approve");
    }

    private Run run(Program next, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--stack";
        all[args.length + 1] = stack;
        int code = Converge.builder(next).withoutServiceLoader().provider(provider).workDir(workDir)
                .environment(Map.of()).input(new ByteArrayInputStream(new byte[0]))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run(all);
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ converge " + String.join(" ", all) + " -> " + code + "\n" + run.all());
        return run;
    }
}
