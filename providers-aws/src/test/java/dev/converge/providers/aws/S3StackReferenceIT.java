package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.StackReference;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanJson;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.spi.state.StateBackend;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.RequiredServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stack references on the S3 state backend (moto): a stack reads another stack's outputs from the same
 * bucket, or from the bucket while its own state is local; secrets stay encrypted in every object and
 * masked in plans; a stack that was never applied is a clear error.
 */
class S3StackReferenceIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String BUCKET = "converge-references-it";
    private static final String CANARY = "canary-s3-reference-4711";
    private static final Map<String, String> KEY = Map.of("CONVERGE_SECRETS_PASSPHRASE", "shared-by-both-stacks");

    private static AwsClients aws;
    private static StateBackend backend;

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();

    @BeforeAll
    static void bucket() {
        Moto.reset();
        aws = Moto.clients();
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        backend = S3StateBackend.connect(BUCKET, "stacks/", Moto.settings());
        Program network = stack -> {
            stack.export("vpcId", "vpc-0123");
            stack.export("dbPassword", Output.secret(CANARY));
        };
        try (StackEngine engine = Converge.engine(network).stack("network").workDir(Path.of("target"))
                .providers(List.of()).serviceLoader(false).stateBackend(backend).environment(KEY).releaseLog(false)
                .build()) {
            assertThat(engine.apply(ApplyRequest.normal()).succeeded()).isTrue();
        }
    }

    @AfterAll
    static void close() {
        Moto.close(backend, aws);
    }

    /** Reads the network stack's outputs into a resource and its own outputs. */
    private static Program app(java.util.function.Function<dev.converge.api.Stack, StackReference> reference) {
        return stack -> {
            StackReference net = reference.apply(stack);
            stack.add(dev.converge.api.GenericResource.of(FakeProvider.THING, "app").set("ref", net.output("vpcId"))
                    .set("value", net.output("dbPassword")));
            stack.export("password", net.output("dbPassword"));
        };
    }

    private StackEngine engine(Program program, StateBackend own) {
        var builder = Converge.engine(program).stack("app").workDir(dir).providers(List.of(fake)).serviceLoader(false)
                .environment(KEY).releaseLog(false);
        return (own == null ? builder : builder.stateBackend(own)).build();
    }

    @Test
    void aStackInTheSameBucketReadsTheOtherStacksOutputsAndKeepsItsSecretEncrypted() {
        try (StackEngine engine = engine(app(stack -> stack.reference("network")), backend)) {
            Plan plan = engine.plan(PlanRequest.normal());
            Change.Read read = (Change.Read) plan.change(Address.of("stack:network")).orElseThrow();
            assertThat(read.serial()).isEqualTo(1);
            assertThat(new PlanRenderer(false).render(plan)).contains(" <= stack network (serial 1)")
                    .contains("+ ref = \"vpc-0123\"").contains("+ value = (sensitive)").doesNotContain(CANARY);
            assertThat(PlanJson.render(plan)).doesNotContain(CANARY);

            ApplyResult applied = engine.apply(ApplyRequest.normal());
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
        }
        assertThat(fake.objectsAt(Address.of("app")).get(0).inputs()).containsEntry("ref", "vpc-0123")
                .containsEntry("value", CANARY);
        var objects = aws.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("stacks/")).contents();
        assertThat(objects).anyMatch(o -> o.key().startsWith("stacks/app/"));
        for (var object : objects) {
            String text = aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asString(
                    StandardCharsets.ISO_8859_1);
            assertThat(text).as(object.key()).doesNotContain(CANARY);
        }
    }

    @Test
    void aLocalStackReadsAStackInTheBucketThroughAnExplicitBackend() throws Exception {
        try (StackEngine engine = engine(app(stack -> stack.reference("network", backend)), null)) {
            ApplyResult applied = engine.apply(ApplyRequest.normal());
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
            assertThat(applied.outputs().get("password")).hasToString("(sensitive)");
        }
        try (var files = Files.walk(dir.resolve(".converge"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(CANARY);
            }
        }
    }

    @Test
    void aStackThatWasNeverAppliedIsAClearError() {
        try (StackEngine engine = engine(app(stack -> stack.reference("no-such-stack")), backend)) {
            assertThatThrownBy(() -> engine.plan(PlanRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("stack:no-such-stack: stack 'no-such-stack' has no state in s3://" + BUCKET
                            + "/stacks/no-such-stack/")
                    .hasMessageContaining("apply stack 'no-such-stack' first");
        }
    }
}
