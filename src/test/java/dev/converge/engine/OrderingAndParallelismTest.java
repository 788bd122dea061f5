package dev.converge.engine;

import static dev.converge.engine.Things.call;
import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependencies are created before dependents and deleted after them; parallelism is bounded. */
class OrderingAndParallelismTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create().withLatency(Duration.ofMillis(30));

    /** A chain net <- app <- web, plus a lone resource. */
    private static Program chain() {
        return stack -> {
            Ref<Map<String, Object>> net = stack.add(thing("net").set("value", "n"));
            Ref<Map<String, Object>> app = stack.add(thing("app").set("ref", net.id()));
            stack.add(thing("web").set("ref", app.output("arn")));
            stack.add(thing("lone").set("value", "l"));
        };
    }

    @Test
    void createsDependenciesBeforeDependents() {
        CliHarness cli = new CliHarness(dir, fake);
        CliHarness.Run run = cli.run(chain(), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();

        FakeProvider.Call net = call(fake, Operation.CREATE, "net");
        FakeProvider.Call app = call(fake, Operation.CREATE, "app");
        FakeProvider.Call web = call(fake, Operation.CREATE, "web");
        assertThat(net.endNanos()).isLessThanOrEqualTo(app.startNanos());
        assertThat(app.endNanos()).isLessThanOrEqualTo(web.startNanos());
        // the dependent received the dependency's real id
        assertThat(fake.cloud().get(app.id()).inputs()).containsEntry("ref", net.id());
        assertThat(fake.cloud().get(web.id()).inputs()).containsEntry("ref", "arn:fake:fake:Thing:" + app.id());
    }

    @Test
    void destroyDeletesDependentsBeforeDependencies() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(chain(), "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        CliHarness.Run destroy = cli.run(chain(), "destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        FakeProvider.Call net = call(fake, Operation.DELETE, "net");
        FakeProvider.Call app = call(fake, Operation.DELETE, "app");
        FakeProvider.Call web = call(fake, Operation.DELETE, "web");
        assertThat(web.endNanos()).isLessThanOrEqualTo(app.startNanos());
        assertThat(app.endNanos()).isLessThanOrEqualTo(net.startNanos());
        assertThat(fake.cloud()).isEmpty();
    }

    @Test
    void removingResourcesFromCodeDeletesThemInReverseDependencyOrder() {
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(chain(), "apply", "--auto-approve").exitCode()).isZero();
        fake.clearCalls();

        Program onlyLone = stack -> stack.add(thing("lone").set("value", "l"));
        CliHarness.Run run = cli.run(onlyLone, "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Resources: 0 added, 0 changed, 3 destroyed.");
        FakeProvider.Call net = call(fake, Operation.DELETE, "net");
        FakeProvider.Call app = call(fake, Operation.DELETE, "app");
        FakeProvider.Call web = call(fake, Operation.DELETE, "web");
        assertThat(web.endNanos()).isLessThanOrEqualTo(app.startNanos());
        assertThat(app.endNanos()).isLessThanOrEqualTo(net.startNanos());
    }

    @Test
    void parallelismBoundsConcurrentCalls() {
        FakeProvider slow = FakeProvider.create().withLatency(Duration.ofMillis(100));
        Program eight = stack -> {
            for (int i = 0; i < 8; i++) {
                stack.add(thing("t" + i).set("size", i));
            }
        };
        CliHarness cli = new CliHarness(dir, slow);
        CliHarness.Run run = cli.run(eight, "apply", "--auto-approve", "--parallelism", "4");
        assertThat(run.exitCode()).as(run.all()).isZero();

        List<FakeProvider.Call> creates = slow.calls().stream().filter(c -> c.operation() == Operation.CREATE).toList();
        assertThat(creates).hasSize(8);
        int overlap = Things.maxOverlap(creates);
        assertThat(overlap).as("most calls running at once").isBetween(2, 4);
    }

    @Test
    void parallelismBoundsConcurrentDeletes() {
        FakeProvider slow = FakeProvider.create();
        Program eight = stack -> {
            for (int i = 0; i < 8; i++) {
                stack.add(thing("t" + i).set("size", i));
            }
        };
        CliHarness cli = new CliHarness(dir, slow);
        assertThat(cli.run(eight, "apply", "--auto-approve").exitCode()).isZero();
        slow.withLatency(Duration.ofMillis(100)).clearCalls();

        CliHarness.Run run = cli.run(eight, "destroy", "--auto-approve", "--parallelism", "3");
        assertThat(run.exitCode()).as(run.all()).isZero();
        List<FakeProvider.Call> deletes = slow.calls().stream().filter(c -> c.operation() == Operation.DELETE).toList();
        assertThat(deletes).hasSize(8);
        assertThat(Things.maxOverlap(deletes)).isBetween(2, 3);
    }

    @Test
    void parallelismOneRunsCallsOneAtATime() {
        Program four = stack -> {
            for (int i = 0; i < 4; i++) {
                stack.add(thing("t" + i));
            }
        };
        CliHarness cli = new CliHarness(dir, fake);
        assertThat(cli.run(four, "apply", "--auto-approve", "--parallelism", "1").exitCode()).isZero();
        assertThat(Things.maxOverlap(fake.calls())).isEqualTo(1);
    }
}
