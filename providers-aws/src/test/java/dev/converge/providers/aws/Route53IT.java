package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import dev.converge.testing.RequiredServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** aws:Route53Zone and aws:Route53Record (simple and weighted) against moto. */
class Route53IT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String ZONE = AwsSchemas.ROUTE53_ZONE;
    private static final String REC = AwsSchemas.ROUTE53_RECORD;
    private static AwsProvider provider;

    @BeforeAll
    static void start() {
        Moto.reset();
        provider = Moto.provider();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider);
    }

    @Test
    void zoneWithWeightedRecords() {
        Map<String, Object> zoneInputs = Map.of("zoneName", "it.example.com", "comment", "test", "tags", Map.of("a", "1"));
        CreateResponse zone = provider.create(Moto.create(ZONE, "zone", zoneInputs));
        String zoneId = zone.id();
        assertThat(zoneId).doesNotStartWith("/");
        Map<String, Object> zonePrior = Moto.create(ZONE, "zone", zoneInputs).inputs();
        ReadResponse zoneRead = provider.read(Moto.read(ZONE, "zone", zoneId, zonePrior, zone.outputs()));
        assertThat(zoneRead.inputs()).isEqualTo(zonePrior);

        Map<String, Object> blue = Map.of("zoneId", zoneId, "recordName", "www.it.example.com", "recordType", "A",
                "records", List.of("10.0.0.1"), "setIdentifier", "blue", "weight", 90L);
        Map<String, Object> green = Map.of("zoneId", zoneId, "recordName", "www.it.example.com", "recordType", "A",
                "records", List.of("10.0.0.2"), "setIdentifier", "green", "weight", 10L);
        CreateResponse blueRecord = provider.create(Moto.create(REC, "blue", blue));
        CreateResponse greenRecord = provider.create(Moto.create(REC, "green", green));
        assertThat(blueRecord.id()).isEqualTo(zoneId + "|www.it.example.com|A|blue");
        Map<String, Object> bluePrior = Moto.create(REC, "blue", blue).inputs();
        ReadResponse read = provider.read(Moto.read(REC, "blue", blueRecord.id(), bluePrior, blueRecord.outputs()));
        assertThat(read.inputs()).isEqualTo(bluePrior);

        Map<String, Object> shifted = new java.util.LinkedHashMap<>(blue);
        shifted.put("weight", 0L);
        var update = Moto.update(provider, REC, "blue", blueRecord.id(), read.inputs(), blueRecord.outputs(), shifted);
        assertThat(update.diffs()).singleElement().satisfies(d -> assertThat(d.forcesReplacement()).isFalse());
        provider.update(update);
        assertThat(provider.read(Moto.read(REC, "blue", blueRecord.id(), bluePrior, Map.of())).inputs())
                .containsEntry("weight", 0L);
        assertThat(provider.read(Moto.read(REC, "green", greenRecord.id(), green, Map.of())).inputs())
                .containsEntry("weight", 10L);

        var imported = provider.importResource(new ImportRequest(Moto.address("g"), REC, greenRecord.id(),
                new Ownership(Moto.STACK, Moto.address("g"))));
        assertThat(imported.inputs()).containsEntry("setIdentifier", "green").containsEntry("records", List.of("10.0.0.2"));
        assertThat(Moto.diff(provider, REC, bluePrior, Map.of("zoneId", zoneId, "recordName", "api.it.example.com",
                "recordType", "A", "records", List.of("10.0.0.1"))).requiresReplacement()).isTrue();

        assertThatThrownBy(() -> provider.delete(Moto.delete(ZONE, "zone", zoneId, zone.outputs())))
                .isInstanceOf(ProviderException.class).hasMessageContaining("forceDestroy");
        assertThat(provider.delete(Moto.delete(REC, "blue", blueRecord.id(), Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(REC, "blue", blueRecord.id(), bluePrior, Map.of())).exists()).isFalse();
        assertThat(provider.delete(Moto.delete(REC, "blue", blueRecord.id(), Map.of())).alreadyGone()).isTrue();

        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(ZONE, REC))).objects())
                .anyMatch(o -> o.id().equals(zoneId));
        Map<String, Object> forced = Map.of("zoneName", "it.example.com", "forceDestroy", true);
        assertThat(provider.delete(Moto.delete(ZONE, "zone", zoneId, forced)).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(ZONE, "zone", zoneId, zonePrior, Map.of())).exists()).isFalse();
    }
}
