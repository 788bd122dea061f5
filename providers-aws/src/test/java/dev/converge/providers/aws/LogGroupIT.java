package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadResponse;
import dev.converge.testing.RequiredServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** aws:LogGroup against moto. */
class LogGroupIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String T = AwsSchemas.LOG_GROUP;
    private static AwsProvider provider;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        Moto.reset();
        provider = Moto.provider();
        aws = Moto.clients();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider, aws);
    }

    @Test
    void logGroupLifecycle() {
        Map<String, Object> inputs = Map.of("logGroupName", "/it/app", "retentionInDays", 7L, "tags", Map.of("a", "1"));
        CreateResponse group = provider.create(Moto.create(T, "logs", inputs));
        assertThat(group.id()).isEqualTo("/it/app");
        assertThat(group.outputs().get("arn").toString()).contains(":log-group:/it/app").doesNotEndWith(":*");
        Map<String, Object> prior = Moto.create(T, "logs", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(T, "logs", group.id(), prior, group.outputs()));
        assertThat(read.inputs()).isEqualTo(prior);

        Map<String, Object> desired = Map.of("logGroupName", "/it/app", "retentionInDays", 30L,
                "tags", Map.of("b", "2"));
        var update = Moto.update(provider, T, "logs", group.id(), read.inputs(), group.outputs(), desired);
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(T, "logs", group.id(), update.desiredInputs(), group.outputs()));
        assertThat(after.inputs()).containsEntry("retentionInDays", 30L).containsEntry("tags", Map.of("b", "2"));

        aws.logs().putRetentionPolicy(b -> b.logGroupName("/it/app").retentionInDays(1));
        ReadResponse drifted = provider.read(Moto.read(T, "logs", group.id(), update.desiredInputs(), Map.of()));
        assertThat(Moto.diff(provider, T, drifted.inputs(), desired).diffs()).extracting(d -> d.path())
                .containsExactly("retentionInDays");

        assertThat(Moto.diff(provider, T, prior, Map.of("logGroupName", "/it/other")).requiresReplacement()).isTrue();
        assertThat(provider.importResource(new ImportRequest(Moto.address("logs"), T, "/it/app",
                new Ownership(Moto.STACK, Moto.address("logs")))).inputs()).containsEntry("retentionInDays", 1L);
        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(T))).objects())
                .anyMatch(o -> o.id().equals("/it/app"));
        assertThat(provider.delete(Moto.delete(T, "logs", group.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(T, "logs", group.id(), prior, Map.of())).exists()).isFalse();
        assertThat(provider.delete(Moto.delete(T, "logs", group.id(), Map.of())).alreadyGone()).isTrue();
    }
}
