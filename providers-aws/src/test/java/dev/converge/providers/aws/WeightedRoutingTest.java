package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.deploy.Backend;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The Route 53 router's pure part: settings, id, desired record sets, change batches and drain time. */
class WeightedRoutingTest {

    private static final WeightedRouting.Target TARGET = new WeightedRouting.Target("Z1", "svc.example.com", 30);
    private static final Backend BLUE = new Backend("blue", "10.0.0.1:8080", 100);
    private static final Backend GREEN = new Backend("green", "10.0.0.2:8080", 100);

    private static RouterRequest router(Map<String, Object> settings, int publish) {
        return new RouterRequest("dev-svc-router", new Ownership("dev", Address.of("svc")), Map.of(), publish,
                settings, Duration.ofSeconds(5));
    }

    private static RouteRequest route(List<Backend> backends, Optional<Backend> preview) {
        return new RouteRequest(TARGET.id(), backends, preview, Optional.empty(), Duration.ofSeconds(5));
    }

    private static Map<String, Long> weights(List<ResourceRecordSet> sets) {
        return WeightedRouting.weights(sets);
    }

    @Test
    void theIdNamesZoneRecordAndTtlAndParsesBack() {
        assertThat(TARGET.id()).isEqualTo("route53|Z1|svc.example.com.|30");
        assertThat(WeightedRouting.Target.parse(TARGET.id())).isEqualTo(TARGET);
        assertThat(TARGET.previewName()).isEqualTo("preview.svc.example.com.");
        assertThatThrownBy(() -> WeightedRouting.Target.parse("abc123")).isInstanceOf(ProviderException.class)
                .hasMessageContaining("route53|ZONE_ID|RECORD_NAME|TTL");
    }

    @Test
    void settingsDefaultToTheServiceNameInTheZoneAndItsUrls() {
        RouterRequest request = router(Map.of("zoneId", "/hostedzone/Z9"), 8080);
        WeightedRouting.Target target = WeightedRouting.target(request, "Example.com.");
        assertThat(target).isEqualTo(new WeightedRouting.Target("Z9", "dev-svc.example.com.", 60));
        assertThat(WeightedRouting.endpoint(request, target)).isEqualTo("http://dev-svc.example.com:8080");
        assertThat(WeightedRouting.previewEndpoint(request, target)).isEqualTo("http://preview.dev-svc.example.com:8080");

        RouterRequest given = router(Map.of("zoneId", "Z9", "recordName", "api.example.com", "ttl", 5L,
                "url", "https://api.example.com", "previewUrl", "https://preview.api.example.com"), 0);
        WeightedRouting.Target named = WeightedRouting.target(given, "example.com");
        assertThat(named.recordName()).isEqualTo("api.example.com.");
        assertThat(named.ttl()).isEqualTo(5);
        assertThat(WeightedRouting.endpoint(given, named)).isEqualTo("https://api.example.com");
        assertThat(WeightedRouting.previewEndpoint(given, named)).isEqualTo("https://preview.api.example.com");
    }

    @Test
    void missingZoneOrARecordOutsideTheZoneIsRefusedWithTheFix() {
        assertThatThrownBy(() -> WeightedRouting.zoneId(router(Map.of(), 0))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("dev-svc-router").hasMessageContaining(".routerSetting(\"zoneId\"");
        assertThatThrownBy(() -> WeightedRouting.target(router(Map.of("zoneId", "Z1", "recordName", "svc.other.org"),
                0), "example.com")).hasMessageContaining("not in the hosted zone example.com");
    }

    @Test
    void firstVersionIsOnlyPreviewedThenGetsAllTraffic() {
        List<ResourceRecordSet> preview = WeightedRouting.desired(TARGET, route(List.of(), Optional.of(BLUE)),
                List.of());
        assertThat(weights(preview)).isEmpty();
        assertThat(preview).singleElement().satisfies(set -> {
            assertThat(set.name()).isEqualTo("preview.svc.example.com.");
            assertThat(set.typeAsString()).isEqualTo("A");
            assertThat(set.resourceRecords().get(0).value()).isEqualTo("10.0.0.1");
            assertThat(set.setIdentifier()).isNull();
        });
        List<ResourceRecordSet> live = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.empty()), preview);
        assertThat(weights(live)).containsExactly(Map.entry("blue", 100L));
        assertThat(WeightedRouting.changes(preview, live)).extracting(Change::action)
                .containsExactly(ChangeAction.DELETE, ChangeAction.UPSERT);
    }

    @Test
    void blueGreenReadsHundredToZeroAndCanaryStepsKeepTheRetiringVersionAtZero() {
        List<ResourceRecordSet> stable = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.empty()),
                List.of());
        List<ResourceRecordSet> previewed = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.of(GREEN)),
                stable);
        assertThat(weights(previewed)).containsExactly(Map.entry("blue", 100L), Map.entry("green", 0L));
        List<ResourceRecordSet> switched = WeightedRouting.desired(TARGET, route(List.of(GREEN), Optional.of(BLUE)),
                previewed);
        assertThat(weights(switched)).containsExactly(Map.entry("blue", 0L), Map.entry("green", 100L));
        assertThat(WeightedRouting.changes(previewed, switched)).as("one atomic batch").hasSize(3)
                .allMatch(change -> change.action() == ChangeAction.UPSERT);

        List<ResourceRecordSet> tenPercent = WeightedRouting.desired(TARGET, route(List.of(
                new Backend("blue", "10.0.0.1:8080", 90), new Backend("green", "10.0.0.2:8080", 10)),
                Optional.of(GREEN)), previewed);
        assertThat(weights(tenPercent)).containsExactly(Map.entry("blue", 90L), Map.entry("green", 10L));
        List<ResourceRecordSet> full = WeightedRouting.desired(TARGET, route(List.of(GREEN), Optional.of(GREEN)),
                tenPercent);
        assertThat(weights(full)).as("0/100 while the deployment runs").containsExactly(Map.entry("blue", 0L),
                Map.entry("green", 100L));
        List<ResourceRecordSet> settled = WeightedRouting.desired(TARGET, route(List.of(GREEN), Optional.empty()),
                full);
        assertThat(weights(settled)).containsExactly(Map.entry("green", 100L));
        assertThat(WeightedRouting.changes(full, settled)).extracting(Change::action)
                .containsExactly(ChangeAction.DELETE, ChangeAction.DELETE);
    }

    @Test
    void unchangedRoutingNeedsNoChangeAndHostnamesBecomeCnames() {
        List<ResourceRecordSet> stable = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.empty()),
                List.of());
        assertThat(WeightedRouting.changes(stable, stable)).isEmpty();
        List<ResourceRecordSet> named = WeightedRouting.desired(TARGET, route(List.of(new Backend("blue",
                "ec2-1-2-3-4.compute.amazonaws.com:80", 100)), Optional.empty()), List.of());
        assertThat(named.get(0).typeAsString()).isEqualTo("CNAME");
        assertThat(named.get(0).resourceRecords().get(0).value()).isEqualTo("ec2-1-2-3-4.compute.amazonaws.com");
        assertThat(WeightedRouting.changes(stable, named)).extracting(Change::action)
                .as("a type change deletes the old set").containsExactly(ChangeAction.DELETE, ChangeAction.UPSERT);
    }

    @Test
    void aVersionLosingTrafficWaitsForTheTtlAndNoServingVersionMeansNoClientRecords() {
        List<ResourceRecordSet> stable = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.empty()),
                List.of());
        List<ResourceRecordSet> previewed = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.of(GREEN)),
                stable);
        assertThat(WeightedRouting.drainSeconds(stable, previewed)).as("blue keeps 100").isZero();
        List<ResourceRecordSet> switched = WeightedRouting.desired(TARGET, route(List.of(GREEN), Optional.of(BLUE)),
                previewed);
        assertThat(WeightedRouting.drainSeconds(previewed, switched)).isEqualTo(30);
        assertThat(weights(WeightedRouting.desired(TARGET, route(List.of(new Backend("blue", "10.0.0.1:80", 0)),
                Optional.empty()), switched))).isEmpty();
    }

    @Test
    void onlyTheRoutersOwnRecordsAreTouched() {
        ResourceRecordSet plain = ResourceRecordSet.builder().name("svc.example.com.").type("A").ttl(60L).build();
        ResourceRecordSet other = ResourceRecordSet.builder().name("www.example.com.").type("A").setIdentifier("x")
                .weight(1L).ttl(60L).build();
        ResourceRecordSet text = ResourceRecordSet.builder().name("svc.example.com.").type("TXT").setIdentifier("x")
                .weight(1L).ttl(60L).build();
        List<ResourceRecordSet> ours = WeightedRouting.desired(TARGET, route(List.of(BLUE), Optional.of(GREEN)),
                List.of());
        List<ResourceRecordSet> listed = new java.util.ArrayList<>(ours);
        listed.addAll(List.of(plain, other, text));
        assertThat(WeightedRouting.owned(TARGET, listed)).containsExactlyElementsOf(ours);
        assertThat(WeightedRouting.host("10.0.0.1:8080")).isEqualTo("10.0.0.1");
        assertThat(WeightedRouting.host("fe80::1")).as("no port to strip").isEqualTo("fe80::1");
    }
}
