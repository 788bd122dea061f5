package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.deploy.Canary;
import dev.converge.engine.Converge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --pause-at}, {@code promote}, {@code abort} and {@code promote --from --to} through the
 * CLI, over an in-memory platform (the Docker ITs run the same commands against real containers).
 */
class StepCommandsTest {

    @TempDir
    Path dir;

    private final FakePlatform platform = new FakePlatform();

    private record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Program service(String image) {
        return stack -> stack.add(Canary.of("svc").service(GenericResource.of("fake:Instance", "web").set("image", image))
                .port(80).steps(10, 50, 100).stepPause(Duration.ZERO));
    }

    private Run run(Program program, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Converge.builder(program).workDir(dir).withoutServiceLoader().provider(platform)
                .environment(Map.of()).input(new ByteArrayInputStream(new byte[0]))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDeployPausedAtTenPercentStaysPausedAcrossAppliesUntilPromoteFinishesIt() {
        assertThat(run(service("app:1"), "apply", "--auto-approve").exitCode()).isZero();
        Run paused = run(service("app:2"), "deploy", "--pause-at", "10", "--auto-approve");
        assertThat(paused.exitCode()).as(paused.all()).isZero();
        assertThat(paused.out()).contains("svc: paused at step 10", "converge promote svc --stack dev");
        assertThat(platform.events).last().isEqualTo("route blue=90 green=10");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue", "dev-svc-green");

        Run again = run(service("app:2"), "apply", "--auto-approve");
        assertThat(again.out()).contains("No changes");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue", "dev-svc-green");

        Run promoted = run(service("app:2"), "promote", "svc");
        assertThat(promoted.exitCode()).as(promoted.all()).isZero();
        assertThat(promoted.out()).contains("promote complete; live version green, phase stable");
        assertThat(platform.running).containsOnlyKeys("dev-svc-green");
        assertThat(run(service("app:2"), "plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(run(service("app:2"), "releases").out()).contains("deploy", "promote");
    }

    @Test
    void abortRestoresTheStableVersionAndTheNextPlanOffersTheChangeAgain() {
        run(service("app:1"), "apply", "--auto-approve");
        assertThat(run(service("app:2"), "deploy", "--pause-at", "preview", "--auto-approve").exitCode()).isZero();
        Run aborted = run(service("app:2"), "abort", "svc");
        assertThat(aborted.exitCode()).as(aborted.all()).isZero();
        assertThat(aborted.out()).contains("abort complete; live version blue, phase stable");
        assertThat(platform.running).containsOnlyKeys("dev-svc-blue");
        assertThat(run(service("app:1"), "plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(run(service("app:2"), "plan", "--detailed-exitcode").exitCode()).isEqualTo(2);
        Run nothingPaused = run(service("app:2"), "abort", "svc");
        assertThat(nothingPaused.exitCode()).isEqualTo(1);
        assertThat(nothingPaused.err()).contains("svc has no paused deployment");
    }

    @Test
    void promoteBetweenStacksReleasesOnlyWhatPreprodVerified() throws Exception {
        assertThat(run(service("app:1"), "apply", "--auto-approve", "--stack", "preprod").exitCode()).isZero();
        assertThat(run(service("app:1"), "apply", "--auto-approve", "--stack", "prod").exitCode()).isZero();
        assertThat(run(service("app:2"), "apply", "--auto-approve", "--stack", "preprod").exitCode()).isZero();
        Path prodState = dir.resolve(".converge/prod/state.json");
        byte[] before = Files.readAllBytes(prodState);

        Run untested = run(service("app:3"), "promote", "--from", "preprod", "--to", "prod", "--auto-approve");
        assertThat(untested.exitCode()).isEqualTo(1);
        assertThat(untested.err()).contains("svc: would run app:3, but app:2 was verified", "nothing was changed");
        assertThat(Files.readAllBytes(prodState)).isEqualTo(before);

        Run promoted = run(service("app:2"), "promote", "--from", "preprod", "--to", "prod", "--auto-approve");
        assertThat(promoted.exitCode()).as(promoted.all()).isZero();
        assertThat(promoted.out()).contains("Promoting release", "of 'preprod' to 'prod'");
        assertThat(platform.running).containsKey("prod-svc-green").doesNotContainKey("prod-svc-blue");
        assertThat(run(service("app:2"), "releases", "--stack", "prod").out()).contains("promote");
    }

    @Test
    void aPreprodReleaseThatFailedOrIsPausedIsNotPromoted() {
        run(service("app:1"), "apply", "--auto-approve", "--stack", "preprod");
        run(service("app:2"), "deploy", "--pause-at", "50", "--auto-approve", "--stack", "preprod");
        Run paused = run(service("app:2"), "promote", "--from", "preprod", "--to", "prod", "--auto-approve");
        assertThat(paused.exitCode()).isEqualTo(1);
        assertThat(paused.err()).contains("svc in 'preprod' is paused mid-deployment");
        run(service("app:2"), "abort", "svc", "--stack", "preprod");
        Run aborted = run(service("app:2"), "promote", "--from", "preprod", "--to", "prod", "--auto-approve");
        assertThat(aborted.exitCode()).isEqualTo(1);
        assertThat(aborted.err()).contains("failed or was rolled back: nothing verified to promote");
        assertThat(platform.running.keySet()).noneMatch(name -> name.startsWith("prod-"));
    }
}
