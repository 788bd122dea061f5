package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.ResourceArgs;
import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.Shadow;
import dev.converge.api.deploy.VersionCheck;
import dev.converge.engine.deploy.DeployProvider;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.Restarter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The strategies' steps against an in-memory platform: order of routings, rollback on failure. */
class StrategiesTest {

    private static final Address SVC = Address.of("svc");

    private final FakePlatform platform = new FakePlatform();
    private DeployProvider deploy;

    @BeforeEach
    void setUp() {
        deploy = new DeployProvider(type -> type.startsWith("fake:") ? Optional.<Provider>of(platform) : Optional.empty());
        deploy.configure(new ConfigureRequest("dev", Map.of(), null));
    }

    private static Map<String, Object> inputs(ResourceArgs<?, ?> strategy, String image) {
        Map<String, Object> inputs = Values.normalizeMap(strategy.declaration().properties());
        inputs.put("instanceType", "fake:Instance");
        inputs.put("template", Map.of("image", image));
        return deploy().schema(strategy.declaration().type()).orElseThrow().withDefaults(inputs);
    }

    private static DeployProvider deploy() {
        return new DeployProvider(type -> Optional.empty());
    }

    private CreateResponse create(Map<String, Object> inputs, String type) {
        return deploy.create(new CreateRequest(SVC, type, inputs, new Ownership("dev", SVC), Duration.ofSeconds(5)));
    }

    private Map<String, Object> update(Map<String, Object> prior, CreateResponse created, Map<String, Object> desired,
            String type) {
        return deploy.update(new UpdateRequest(SVC, type, created.id(), prior, created.outputs(), desired, List.of(),
                Duration.ofSeconds(5))).outputs();
    }

    @Test
    void blueGreenVerifiesTheIdleColourBeforeSwitchingAndKeepsTheOldOne() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        assertThat(created.outputs()).containsEntry("live", "blue");
        platform.events.clear();
        Map<String, Object> out = update(v1, created, inputs(BlueGreen.of("svc").port(80), "app:2"), BlueGreen.TYPE);
        assertThat(platform.events).containsExactly("route blue=100", "create dev-svc-green app:2", "route blue=100",
                "route green=100");
        assertThat(out).containsEntry("live", "green");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue", "dev-svc-green");
    }

    @Test
    void aFailedProbeRoutesBackDeletesTheNewVersionAndSaysWhy() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        platform.events.clear();
        Map<String, Object> v2 = inputs(BlueGreen.of("svc").port(80).verify(HttpProbe.get("/health").requests(2)),
                "app:2");
        assertThatThrownBy(() -> update(v1, created, v2, BlueGreen.TYPE)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("failed verification").hasMessageContaining("probe GET /health")
                .hasMessageContaining("all traffic stays on the stable version (blue, app:1)");
        assertThat(platform.events).endsWith("route blue=100", "delete dev-svc-green");
        assertThat(platform.events).noneMatch(event -> event.contains("green=100"));
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
    }

    @Test
    void canaryGrowsItsShareStepByStepThenRetiresTheStableVersion() {
        Canary canary = Canary.of("svc").port(80).steps(10, 50, 100).stepPause(Duration.ZERO);
        Map<String, Object> v1 = inputs(canary, "app:1");
        CreateResponse created = create(v1, Canary.TYPE);
        platform.events.clear();
        Map<String, Object> out = update(v1, created, inputs(canary, "app:2"), Canary.TYPE);
        assertThat(platform.events).containsExactly("route blue=100", "create dev-svc-green app:2", "route blue=100",
                "route blue=90 green=10", "route blue=50 green=50", "route green=100", "route green=100",
                "delete dev-svc-blue");
        assertThat(out).containsEntry("live", "green");
    }

    @Test
    void aStepTheRouterCannotCarryOutPutsAllTrafficBackOnTheStableVersionAndDeletesTheNewOne() {
        Canary canary = Canary.of("svc").port(80).steps(10, 50, 100).stepPause(Duration.ZERO);
        Map<String, Object> v1 = inputs(canary, "app:1");
        CreateResponse created = create(v1, Canary.TYPE);
        platform.events.clear();
        platform.refusedRoute = "route blue=50 green=50";
        assertThatThrownBy(() -> update(v1, created, inputs(canary, "app:2"), Canary.TYPE))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("step 50 of the deployment failed: the router cannot carry out route blue=50")
                .hasMessageContaining("all traffic is back on the stable version (blue, app:1)");
        assertThat(platform.events).containsExactly("route blue=100", "create dev-svc-green app:2", "route blue=100",
                "route blue=90 green=10", "refused route blue=50 green=50", "route blue=100", "delete dev-svc-green");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
    }

    @Test
    void aShadowFailingOneRequestInFiveIsNotPromoted() {
        Shadow shadow = Shadow.of("svc").port(80).observe(Duration.ZERO);
        Map<String, Object> v1 = inputs(shadow, "app:1");
        CreateResponse created = create(v1, Shadow.TYPE);
        platform.events.clear();
        platform.mirror = new MirrorStats(100, 100, 20);
        assertThatThrownBy(() -> update(v1, created, inputs(shadow, "app:2"), Shadow.TYPE))
                .hasMessageContaining("20 of 100 mirrored requests failed");
        assertThat(platform.events).containsSubsequence("route blue=100 mirror=green", "route blue=100",
                "delete dev-svc-green");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
    }

    @Test
    void aHealthyShadowIsPromotedAndItsMeasuresKept() {
        Shadow shadow = Shadow.of("svc").port(80).observe(Duration.ZERO);
        Map<String, Object> v1 = inputs(shadow, "app:1");
        CreateResponse created = create(v1, Shadow.TYPE);
        platform.mirror = new MirrorStats(100, 98, 1);
        Map<String, Object> out = update(v1, created, inputs(shadow, "app:2"), Shadow.TYPE);
        assertThat(out).containsEntry("live", "green");
        assertThat(Values.mapOf(out, "verification")).containsEntry("mirrored", 98L);
        assertThat(platform.running).containsOnlyKeys("dev-svc-green");
    }

    @Test
    void anInterruptedRunIsRolledBackToWhatStateRecordsBeforeItIsRepeated() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        // A crash left a green instance behind, and state still says blue is live.
        platform.running.put("dev-svc-green", Map.of("image", "app:2"));
        platform.events.clear();
        update(v1, created, inputs(BlueGreen.of("svc").port(80), "app:2"), BlueGreen.TYPE);
        assertThat(platform.events).startsWith("route blue=100", "delete dev-svc-green", "create dev-svc-green app:2");
    }

    @Test
    void aShadowMayNotMountTheStableVersionsVolumesSilently() {
        Map<String, Object> inputs = inputs(Shadow.of("svc").port(80), "app:1");
        inputs.put("template", Map.of("image", "app:1", "mounts", List.of(Map.of("source", "data", "target", "/d"))));
        var problems = deploy.validate(new ValidateRequest(SVC, Shadow.TYPE, inputs)).diagnostics();
        assertThat(problems).anyMatch(d -> d.summary().contains("write into the stable version's data"));
    }

    @Test
    void aChangeOfProbesOnlyRollsNothingOut() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        platform.events.clear();
        Map<String, Object> desired = inputs(BlueGreen.of("svc").port(80).verify(HttpProbe.get("/x")), "app:1");
        assertThat(update(v1, created, desired, BlueGreen.TYPE)).containsEntry("live", "blue");
        assertThat(platform.events).isEmpty();
    }

    private void pauseAt(String step) {
        deploy.pauseAt(Optional.of(DeploymentStep.parse(step)));
    }

    private Restarter.Request stored(Map<String, Object> inputs, CreateResponse created, Map<String, Object> outputs,
            String type) {
        return new Restarter.Request(SVC, type, created.id(), inputs, outputs, Duration.ofSeconds(5));
    }

    @Test
    void aCanaryPausedAtTenPercentKeepsBothVersionsAndPromoteRunsOnlyTheRemainingSteps() {
        Canary canary = Canary.of("svc").port(80).steps(10, 50, 100).stepPause(Duration.ZERO);
        Map<String, Object> v1 = inputs(canary, "app:1");
        Map<String, Object> v2 = inputs(canary, "app:2");
        CreateResponse created = create(v1, Canary.TYPE);
        pauseAt("10");
        platform.events.clear();
        Map<String, Object> paused = update(v1, created, v2, Canary.TYPE);
        assertThat(platform.events).last().isEqualTo("route blue=90 green=10");
        assertThat(paused).containsEntry("phase", "paused").containsEntry("pausedAt", "10")
                .containsEntry("live", "blue").containsEntry("candidate", "green");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue", "dev-svc-green");
        platform.events.clear();
        Map<String, Object> done = deploy.promote(stored(v2, created, paused, Canary.TYPE), Optional.empty());
        assertThat(platform.events).containsExactly("route blue=50 green=50", "route green=100", "route green=100",
                "delete dev-svc-blue");
        assertThat(done).containsEntry("phase", "stable").containsEntry("live", "green").doesNotContainKey("pausedAt");
    }

    @Test
    void abortingAPausedDeploymentRoutesAllTrafficBackDeletesTheNewVersionAndRestoresTheOldInputs() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        Map<String, Object> v2 = inputs(BlueGreen.of("svc").port(80), "app:2");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        pauseAt("preview");
        Map<String, Object> paused = update(v1, created, v2, BlueGreen.TYPE);
        assertThat(platform.events).noneMatch(event -> event.contains("green=100"));
        platform.events.clear();
        Map<String, Object> aborted = deploy.abort(stored(v2, created, paused, BlueGreen.TYPE));
        assertThat(platform.events).containsExactly("route blue=100", "delete dev-svc-green");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
        assertThat(aborted).containsEntry("phase", "stable").containsEntry("live", "blue");
        assertThat(Values.mapOf(aborted, "template")).containsEntry("image", "app:1");
        assertThat(DeployProvider.stableInputs(paused)).isEqualTo(v1);
    }

    @Test
    void aPauseAtAStepTheStrategyDoesNotHaveIsRefusedBeforeAnythingRuns() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        pauseAt("10");
        platform.events.clear();
        assertThatThrownBy(() -> update(v1, created, inputs(BlueGreen.of("svc").port(80), "app:2"), BlueGreen.TYPE))
                .hasMessageContaining("--pause-at 10 names no step of this BlueGreen; its steps are preview, switch");
        assertThat(platform.events).isEmpty();
    }

    @Test
    void onlyAPausedDeploymentCanBePromotedAndAPausedOneCannotBeRestarted() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        assertThatThrownBy(() -> deploy.promote(stored(v1, created, created.outputs(), BlueGreen.TYPE), Optional.empty()))
                .hasMessageContaining("svc has no paused deployment to promote");
        pauseAt("preview");
        Map<String, Object> v2 = inputs(BlueGreen.of("svc").port(80), "app:2");
        Map<String, Object> paused = update(v1, created, v2, BlueGreen.TYPE);
        assertThatThrownBy(() -> deploy.restart(stored(v2, created, paused, BlueGreen.TYPE)))
                .hasMessageContaining("paused at preview");
    }

    @Test
    void aDeploymentKilledBetweenStepsIsSeenOnRefreshAndRepairedWhenTheProgramStillWantsTheOldVersion() {
        Map<String, Object> v1 = inputs(Canary.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, Canary.TYPE);
        ReadRequest refresh = new ReadRequest(SVC, Canary.TYPE, created.id(), v1, created.outputs());
        assertThat(deploy.read(refresh).outputs()).containsEntry("phase", "stable");
        // A killed run started the new version (and routed a share to it) but recorded nothing.
        platform.running.put("dev-svc-green", Map.of("image", "app:2"));
        ReadResponse seen = deploy.read(refresh);
        assertThat(seen.outputs()).containsEntry("phase", "interrupted");
        DiffResponse diff = deploy.diff(new DiffRequest(SVC, Canary.TYPE, created.id(), v1, seen.outputs(), v1));
        assertThat(diff.diffs()).extracting(PropertyDiff::path).containsExactly("phase");
        platform.events.clear();
        Map<String, Object> repaired = update(v1, new CreateResponse(created.id(), seen.outputs()), v1, Canary.TYPE);
        assertThat(platform.events).containsExactly("route blue=100", "delete dev-svc-green");
        assertThat(repaired).containsEntry("phase", "stable").containsEntry("live", "blue");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
    }

    @Test
    void aFailingJavaCheckRollsBackLikeAFailingProbeAndSeesTheCandidate() {
        List<VersionCheck.Candidate> seen = new java.util.ArrayList<>();
        Canary canary = Canary.of("svc").port(80).steps(10, 100).stepPause(Duration.ZERO);
        Map<String, Object> v1 = inputs(canary, "app:1");
        CreateResponse created = create(v1, Canary.TYPE);
        Canary checked = canary.verify("svc-no-app-3", candidate -> {
            seen.add(candidate);
            return "app:3".equals(candidate.inputs().get("image")) ? Optional.of("app:3 loses transfers")
                    : Optional.empty();
        });
        Map<String, Object> v2 = inputs(checked, "app:2");
        assertThat(v2.get("checks")).isEqualTo(List.of("svc-no-app-3"));
        Map<String, Object> released = update(v1, created, v2, Canary.TYPE);
        assertThat(seen).isNotEmpty().allMatch(c -> c.version().equals("green") && c.endpoint().equals(platform.previewUrl));
        platform.events.clear();
        CreateResponse current = new CreateResponse(created.id(), released);
        assertThatThrownBy(() -> update(v2, current, inputs(checked, "app:3"), Canary.TYPE))
                .hasMessageContaining("check 'svc-no-app-3': app:3 loses transfers")
                .hasMessageContaining("all traffic stays on the stable version (green, app:2)");
        assertThat(platform.events).endsWith("route green=100", "delete dev-svc-blue");
        assertThat(platform.running).containsOnlyKeys("dev-svc-green");
    }

    @Test
    void aCheckThatIsNotDeclaredInThisProcessFailsTheVersionInsteadOfPassingIt() {
        Map<String, Object> v1 = inputs(BlueGreen.of("svc").port(80), "app:1");
        CreateResponse created = create(v1, BlueGreen.TYPE);
        Map<String, Object> v2 = inputs(BlueGreen.of("svc").port(80), "app:2");
        v2.put("checks", List.of("declared-elsewhere"));
        assertThatThrownBy(() -> update(v1, created, v2, BlueGreen.TYPE))
                .hasMessageContaining("check 'declared-elsewhere' is not declared in this process");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
    }
}
