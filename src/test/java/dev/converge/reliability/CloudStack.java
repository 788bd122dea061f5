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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One stack of {@link CrashPrograms} in a working directory and a {@link DurableCloud} directory,
 * driven in this JVM (reruns after a crash need no crash switch) and checked for convergence.
 */
final class CloudStack {

    static final String STACK = "dev";
    private static final Pattern FORCE_UNLOCK = Pattern.compile("force-unlock (\\S+)");

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
     * Applies {@code version} after a crash. A lock the dead process left must be reported as stale
     * with the force-unlock command, which is then run. Returns whether a stale lock was taken over.
     */
    boolean applyAfterCrash(int version, String context) {
        Run first = cli(version, "apply", "--auto-approve", "--stack", STACK);
        if (first.exitCode() == 0) {
            return false;
        }
        assertThat(first.err()).as("%s: a failed rerun must report the dead holder's lock as stale\n%s", context,
                first.all()).contains("STALE lock").contains("is no longer running").contains("force-unlock");
        Matcher matcher = FORCE_UNLOCK.matcher(first.err());
        assertThat(matcher.find()).as(context).isTrue();
        Run unlock = cli(version, "force-unlock", matcher.group(1), "--stack", STACK);
        assertThat(unlock.exitCode()).as("%s: force-unlock\n%s", context, unlock.all()).isZero();
        Run second = cli(version, "apply", "--auto-approve", "--stack", STACK);
        assertThat(second.exitCode()).as("%s: the rerun after force-unlock must converge\n%s", context, second.all())
                .isZero();
        return true;
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
