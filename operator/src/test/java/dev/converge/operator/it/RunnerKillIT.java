package dev.converge.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.Converge;
import dev.converge.engine.automation.StackEngine;
import dev.converge.operator.itprograms.DemoProgram;
import dev.converge.providers.k8s.KubernetesStateBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner of a Job SIGKILLed in the middle of an apply (its Deployment created, the apply waiting for the
 * pod to turn ready): the next Job takes the dead run's lock over once its heartbeat has been silent for the
 * stack's lease, resolves the unfinished step and converges, with no human step and no duplicate object.
 * The kill is a real one: the test runs as root on the node's machine and kills the runner's JVM by pid.
 */
class RunnerKillIT {

    private static Stacks stacks;

    @BeforeAll
    static void operator() {
        stacks = new Stacks(OperatorCluster.get(), "op-kill");
    }

    @Test
    void theNextJobTakesTheDeadRunsLockOverAndConvergesWithoutDuplicates() throws Exception {
        String name = Stacks.unique("killed");
        stacks.create(name, Stacks.demoSpec(Map.of("demo.greeting", "hello", "demo.web", "true",
                "demo.readyDelay", "25", "lock.lease", "10s")));
        stacks.await(name, "the first apply waiting for its Deployment", Duration.ofMinutes(2),
                s -> s.client.apps().deployments().inNamespace(s.namespace).withName(name + "-web").get() != null);
        long pid = runnerPid(name).orElseThrow(() -> new AssertionError("no runner process of stack " + name));
        assertThat(stacks.lastRun(name)).doesNotContainKey("finishedAt");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
        System.out.println("killed the runner of " + name + " (pid " + pid + ") in the middle of its apply");

        stacks.await(name, "Ready after the runner was killed", Duration.ofMinutes(4),
                s -> s.is(name, "Ready", "True", "Applied") || s.is(name, "Ready", "True", "UpToDate"));
        assertThat(stacks.events(name)).anyMatch(event -> event.startsWith("RunnerCrashed")
                && event.contains("killed (exit code 137"));
        assertThat(stacks.lastRun(name).get("summary").toString()).contains("took over the lock of a dead run");
        String selector = "converge.stack=" + name;
        assertThat(stacks.client.apps().deployments().inNamespace(stacks.namespace).withLabelSelector(selector)
                .list().getItems()).hasSize(1);
        assertThat(stacks.client.services().inNamespace(stacks.namespace).withLabelSelector(selector).list()
                .getItems()).hasSize(1);
        assertThat(stacks.client.configMaps().inNamespace(stacks.namespace).withLabelSelector(selector).list()
                .getItems()).hasSize(1);
        try (KubernetesStateBackend backend = new KubernetesStateBackend(stacks.client, stacks.namespace);
                StackEngine engine = Converge.engine(new DemoProgram()).stack(name).stateBackend(backend)
                        .releaseLog(false).environment(Map.of()).build()) {
            assertThat(engine.state().resources().keySet()).as("state holds each object once")
                    .extracting(Object::toString).containsExactlyInAnyOrder(name + "-settings-1", name + "-web",
                            name + "-web-service");
            assertThat(engine.pendingOperations()).isEmpty();
        }
        stacks.delete(name);
    }

    /** The pid of the JVM running {@code stack}'s Job on this machine, found by its environment. */
    private static Optional<Long> runnerPid(String stack) throws IOException {
        String marker = "CONVERGE_JOB_STACK=" + stack;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String cmdline = Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (!cmdline.contains("dev.converge.operator.runner.StackJob")) {
                        continue;
                    }
                    String environ = Files.readString(process.resolve("environ"), StandardCharsets.ISO_8859_1);
                    if (List.of(environ.split("\0")).contains(marker)) {
                        return Optional.of(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile, or is not readable
                }
            }
        }
        return Optional.empty();
    }
}
