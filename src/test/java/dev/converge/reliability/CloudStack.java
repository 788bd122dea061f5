package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.Ownership;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One stack of {@link CrashPrograms} in a working directory and a {@link DurableCloud} directory,
 * driven in this JVM (reruns after a crash need no crash switch) and checked for convergence.
 */
final class CloudStack {

    static final String STACK = "dev";
    static final String TAKEOVER = "Took over the lock of stack '" + STACK + "'";

    /** The outcome of one in-process command. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Path workDir;
    final Path cloudDir;
    final CrashPrograms.LocalSetup local;

    CloudStack(Path workDir, Path cloudDir) {
        this(workDir, cloudDir, null);
    }

    /** A stack whose programs also manage local files and a process, unless {@code local} is null. */
    CloudStack(Path workDir, Path cloudDir, CrashPrograms.LocalSetup local) {
        this.workDir = workDir;
        this.cloudDir = cloudDir;
        this.local = local;
    }

    Run cli(int version, String... args) {
        return cli(CrashPrograms.version(version, local), CrashMain.environment(), args);
    }

    Run cli(Program program, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Converge.Builder builder = Converge.builder(program).workDir(workDir).withoutServiceLoader()
                .provider(DurableCloud.in(cloudDir));
        if (local != null) {
            builder.provider(dev.converge.providers.local.LocalProvider.in(workDir));
        }
        int code = builder
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .environment(environment)
                .build().run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Applies {@code program} once with {@code counter} around the cloud and the state backend, one call at a
     * time and without output, so that the counter holds its crash points; returns the exit code.
     */
    int countedApply(Program program, CrashSwitch counter) {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        return Converge.builder(program).workDir(workDir).withoutServiceLoader()
                .provider(new DurableCloud(cloudDir, java.time.Duration.ZERO, counter))
                .stateBackend(new CrashingBackend(workDir.resolve(".converge"), counter))
                .environment(CrashMain.environment())
                .output(quiet, quiet)
                .build().run("apply", "--auto-approve", "--parallelism", "1", "--stack", STACK);
    }

    /** The state as a plain load sees it; throws if it does not load. */
    State state() {
        return StateSession.load(new LocalStateBackend(workDir.resolve(".converge")), STACK,
                Map.of("secrets.passphrase", CrashMain.PASSPHRASE));
    }

    List<StateSession.PendingIntent> pending() {
        return StateSession.pendingIntents(new LocalStateBackend(workDir.resolve(".converge")), STACK,
                Map.of("secrets.passphrase", CrashMain.PASSPHRASE));
    }

    /**
     * Applies {@code version} after a crash, with no human step: a lock the dead process left is taken
     * over by the rerun itself, which says so in one line naming the dead holder and why. Returns
     * whether a lock was taken over.
     */
    boolean applyAfterCrash(int version, String context) {
        java.util.Optional<dev.converge.spi.state.LockInfo> dead = new LocalStateBackend(workDir.resolve(".converge"))
                .lock(STACK).holder();
        Run rerun = cli(version, "apply", "--auto-approve", "--stack", STACK);
        assertThat(rerun.exitCode()).as("%s: the rerun must converge without any human step\n%s", context,
                rerun.all()).isZero();
        long lines = rerun.err().lines().filter(line -> line.startsWith(TAKEOVER)).count();
        assertThat(lines).as("%s: one takeover line if and only if the dead run held the lock\n%s", context,
                rerun.all()).isEqualTo(dead.isPresent() ? 1 : 0);
        dead.ifPresent(lock -> assertThat(rerun.err()).as(context).contains(TAKEOVER + " from ")
                .contains("(pid " + lock.pid() + ", apply since").contains("lock " + lock.id())
                .contains("its process " + lock.pid() + " on ").contains("is no longer running"));
        return dead.isPresent();
    }

    /** A plan is empty, and the cloud holds exactly the declared boxes, each once, each the one in state. */
    void assertConverged(int version, String context) {
        Run plan = cli(version, "plan", "--detailed-exitcode", "--stack", STACK);
        assertThat(plan.exitCode()).as("%s: the plan after the rerun must be empty\n%s", context, plan.all()).isZero();
        State state = state();
        Map<String, List<String>> idsByAddress = boxesByAddress();
        Map<String, List<String>> expected = new TreeMap<>();
        for (Address address : CrashPrograms.addresses(version)) {
            ResourceState resource = state.resource(address);
            assertThat(resource).as("%s: %s in state", context, address).isNotNull();
            expected.put(address.toString(), List.of(resource.id()));
        }
        assertThat(idsByAddress).as("%s: exactly one box per declared resource, the one in state (no leak, "
                + "no duplicate)", context).isEqualTo(expected);
        long boxes = state.resources().values().stream().filter(r -> r.type().equals(DurableCloud.BOX)).count();
        assertThat(boxes).as("%s: no other box in state", context).isEqualTo(expected.size());
    }

    /** The ids of the stack's boxes in the cloud, by their address label. */
    Map<String, List<String>> boxesByAddress() {
        return DurableCloud.in(cloudDir).objects().stream()
                .filter(o -> STACK.equals(o.labels().get(Ownership.STACK_LABEL)))
                .collect(Collectors.groupingBy(o -> o.labels().get(Ownership.ADDRESS_LABEL), TreeMap::new,
                        Collectors.mapping(DurableCloud.StoredObject::id, Collectors.toList())));
    }
}
