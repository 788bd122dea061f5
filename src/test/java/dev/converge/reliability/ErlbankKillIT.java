package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.converge.e2e.docker.TestDaemon;
import dev.converge.engine.Converge;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.examples.erlbank.docker.ErlbankDocker;
import dev.converge.providers.docker.DockerProvider;
import dev.converge.spi.Ownership;
import dev.converge.spi.state.LockInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a CLI apply of Erlbank (the example's own {@code main}, in its own JVM) on the real
 * dockerd of scripts/docker/start-dockerd.sh, at random moments, while it builds images and creates or
 * replaces containers (the log level alternates, so every other apply replaces the three services).
 * After each kill a rerun, with no human step in between (no {@code force-unlock}), takes the dead run's
 * lock over by itself and prints one line saying so, converges with exactly the four containers, and
 * the plan after it is empty. The seed is printed; {@code -Dreliability.seed=N} replays the delays.
 */
class ErlbankKillIT {

    private static final int KILLS = 4;
    private static final int MAX_ATTEMPTS = 10;
    private static final int MAX_DELAY_MILLIS = 5000;
    private static final List<String> CONTAINERS = List.of("accounts", "frontend", "statements", "transfers");

    @TempDir
    Path workDir;

    private final String stack = "kill" + UUID.randomUUID().toString().substring(0, 6);
    private DockerClient docker;

    @BeforeEach
    void connect() {
        docker = TestDaemon.connect();
    }

    @AfterEach
    void removeEverything() throws IOException {
        if (docker == null) {
            return;
        }
        rerun("info", "destroy", "--auto-approve");
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Ownership.STACK_LABEL, stack)).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        docker.listNetworksCmd().exec().stream()
                .filter(n -> n.getLabels() != null && stack.equals(n.getLabels().get(Ownership.STACK_LABEL)))
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        docker.close();
    }

    @Test
    void everyKilledApplyIsRecoveredByTheNextRunAloneWithExactlyTheFourContainers() throws Exception {
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        int kills = 0;
        int takeovers = 0;
        List<Integer> delays = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && kills < KILLS; attempt++) {
            String level = attempt % 2 == 0 ? "info" : "debug";
            String context = "seed " + seed + ", attempt " + attempt + ", log level " + level;
            Path log = workDir.resolve("fork-" + attempt + ".log");
            Process fork = startApply(level, log);
            int delay = random.nextInt(MAX_DELAY_MILLIS);
            killAfterPlan(fork, log, delay);
            if (fork.exitValue() == 137) {
                kills++;
                delays.add(delay);
                takeovers += rerunAfterKill(level, context) ? 1 : 0;
            } else {
                assertThat(fork.exitValue()).as("%s: finished before the kill came\n%s", context, Forks.read(log))
                        .isZero();
            }
            CliRun plan = rerun(level, "plan", "--detailed-exitcode");
            assertThat(plan.exitCode()).as("%s: the plan after the rerun is empty\n%s", context, plan.output())
                    .isZero();
            assertThat(containersByAddress()).as("%s: exactly the four containers, each once", context)
                    .containsOnlyKeys(CONTAINERS).allSatisfy((address, ids) -> assertThat(ids).hasSize(1));
        }
        System.out.printf("ERLBANK KILL TEST (seed %d): %d real SIGKILLs of a CLI apply of Erlbank on dockerd, at "
                + "%s ms after the plan; %d reruns took the dead run's lock over by themselves, all converged%n",
                seed, kills, delays, takeovers);
        assertThat(kills).as("real SIGKILLs (seed %d)", seed).isGreaterThanOrEqualTo(KILLS);
        assertThat(takeovers).as("every kill left a lock that the rerun took over").isEqualTo(kills);
    }

    /** Reruns apply in this JVM after a kill; returns whether it took the dead run's lock over. */
    private boolean rerunAfterKill(String level, String context) throws IOException {
        Optional<LockInfo> dead = new LocalStateBackend(workDir.resolve(".converge")).lock(stack).holder();
        CliRun rerun = rerun(level, "apply", "--auto-approve");
        assertThat(rerun.exitCode()).as("%s: the rerun converges without any human step\n%s", context,
                rerun.output()).isZero();
        List<String> lines = rerun.output().lines().filter(l -> l.startsWith("Took over the lock of stack '" + stack))
                .toList();
        assertThat(lines).as("%s: one takeover line if and only if the dead run held the lock\n%s", context,
                rerun.output()).hasSize(dead.isPresent() ? 1 : 0);
        System.out.println(context + ":\n" + rerun.output().lines()
                .filter(l -> l.startsWith("Took over") || l.contains("interrupted '")).collect(Collectors.joining("\n")));
        dead.ifPresent(lock -> assertThat(lines.get(0)).contains("(pid " + lock.pid()).contains("lock " + lock.id())
                .contains("is no longer running"));
        return dead.isPresent();
    }

    /** The example's own main in a new JVM, as a pipeline runs it, in the working directory. */
    private Process startApply(String level, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", Forks.classPath(),
                ErlbankDocker.class.getName(), "apply", "--auto-approve", "--stack", stack);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment(level));
        return builder.start();
    }

    private static void killAfterPlan(Process process, Path log, int millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (process.isAlive() && !Forks.read(log).contains("Plan:") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        process.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(Forks.read(log)).isTrue();
    }

    private record CliRun(int exitCode, String output) {
    }

    private CliRun rerun(String level, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--stack", stack));
        int code = Converge.builder(new ErlbankDocker()).withoutServiceLoader().provider(new DockerProvider())
                .workDir(workDir).environment(environment(level)).output(print, print).build()
                .run(all.toArray(String[]::new));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> environment(String level) {
        Map<String, String> environment = new TreeMap<>(System.getenv());
        environment.put("CONVERGE_FRONTEND_PORT", "0");
        environment.put("CONVERGE_LOG_LEVEL", level);
        environment.put("CONVERGE_ERLBANK_SOURCES", sources().toString());
        return environment;
    }

    private static Path sources() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (java.nio.file.Files.isDirectory(at.resolve("examples/src/main/erlbank/service"))) {
                return at.resolve("examples/src/main/erlbank");
            }
        }
        throw new AssertionError("cannot find examples/src/main/erlbank above " + Path.of("").toAbsolutePath());
    }

    private Map<String, List<String>> containersByAddress() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Ownership.STACK_LABEL, stack))
                .exec().stream().collect(Collectors.groupingBy(c -> c.getLabels().get(Ownership.ADDRESS_LABEL),
                        TreeMap::new, Collectors.mapping(Container::getId, Collectors.toList())));
    }
}
