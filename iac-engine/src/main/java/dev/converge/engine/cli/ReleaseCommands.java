package dev.converge.engine.cli;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.Engine;
import dev.converge.engine.apply.ApplyResult;
import dev.converge.engine.apply.PrintingProgress;
import dev.converge.engine.deploy.Release;
import dev.converge.engine.deploy.ReleaseLog;
import dev.converge.engine.deploy.ReleaseStats;
import dev.converge.engine.deploy.Releases;
import dev.converge.engine.deploy.Rollback;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.engine.state.StateSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code releases} and {@code rollback}: what was released, and going back to an earlier release. */
final class ReleaseCommands {

    private ReleaseCommands() {
    }

    /** Registers the commands on the root command. */
    static void register(picocli.CommandLine root, CliContext context) {
        root.addSubcommand("releases", new ListReleases(context));
        root.addSubcommand("rollback", new RollbackCommand(context));
    }

    /**
     * Refuses an apply of the unchanged program over a stack a rollback pinned (see
     * {@link Rollback#checkPin}); {@code unpin} removes the pin.
     */
    static void checkPin(CliContext context, CommonOptions common, boolean unpin) {
        ReleaseLog log = new ReleaseLog(context.workDir(), common.stack);
        if (log.pin().isEmpty()) {
            return;
        }
        try (Engine engine = context.engine(common)) {
            Rollback.checkPin(log, engine.graph(), unpin);
        }
    }

    /** Records the release an apply made (not for destroy): called after every executed apply. */
    static void recordApply(CliContext context, Engine engine, StateSession session, ApplyResult result,
            dev.converge.engine.plan.Plan.Mode mode, String operation) {
        if (mode != dev.converge.engine.plan.Plan.Mode.NORMAL || result.interrupted()) {
            return;
        }
        Releases.record(context.workDir(), context.environment(), session.state(), result, operation, 0);
    }

    @Command(name = "releases", description = "List the stack's releases, or with --stats its delivery measures.")
    static final class ListReleases implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Option(names = "--stats", description = "deployment frequency, lead time, change-fail rate, time to restore")
        boolean stats;

        ListReleases(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<Release> releases = new ReleaseLog(context.workDir(), common.stack).list();
            if (stats) {
                context.out().print(ReleaseStats.of(releases).render());
                return 0;
            }
            if (releases.isEmpty()) {
                context.out().println("No releases recorded for stack '" + common.stack + "' yet.");
                return 0;
            }
            context.out().println(String.format("%-7s %-20s %-10s %-10s %-12s %-7s %s", "SERIAL", "TIME", "COMMIT", "USER",
                    "OP", "OUTCOME", "SERVICES"));
            for (Release release : releases) {
                StringBuilder services = new StringBuilder();
                release.services().forEach((address, service) -> services.append(services.length() == 0 ? "" : ", ")
                        .append(address).append('=').append(service.image()).append('@').append(service.configHash()));
                String op = release.isRollback() ? "rollback->" + release.rollbackTo() : release.operation();
                context.out().println(String.format("%-7d %-20s %-10s %-10s %-12s %-7s %s", release.serial(),
                        Instant.ofEpochMilli(release.time()).toString().substring(0, 19),
                        release.commit().isEmpty() ? "-" : release.commit().substring(0, 8), release.user(), op,
                        release.outcome(), services));
            }
            return 0;
        }
    }

    @Command(name = "rollback", description = "Restore the resources and inputs of an earlier release, then pin the"
            + " stack to it.")
    static final class RollbackCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        CommonOptions common;

        @Option(names = "--to", paramLabel = "SERIAL", description = "the serial to restore; default: the release"
                + " before the current one")
        Long to;

        @Option(names = "--auto-approve", description = "do not ask for confirmation")
        boolean autoApprove;

        @Option(names = "--allow-data-changes", description = "allow replacing or deleting resources that hold data")
        boolean allowDataChanges;

        RollbackCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Engine engine = context.engine(common)) {
                String fingerprint = Rollback.programFingerprint(engine.graph());
                ReleaseLog log = new ReleaseLog(context.workDir(), common.stack);
                try (StateSession session = engine.lock("rollback")) {
                    long target = to != null ? to : previous(log.list(), session.state().serial());
                    Rollback.Prepared prepared = Rollback.plan(engine, session, target, allowDataChanges);
                    context.out().println("Rolling back stack '" + common.stack + "' from serial "
                            + session.state().serial() + " to serial " + target + ".");
                    prepared.dataChanges().forEach(resource -> context.err().println("Warning: " + resource
                            + " holds data and is changed by this rollback (--allow-data-changes)"));
                    context.out().print(new PlanRenderer(context.colour(common)).render(prepared.plan()));
                    if (!autoApprove && !confirmed()) {
                        context.err().println("Rollback cancelled: nothing was changed.");
                        return 1;
                    }
                    ApplyResult result = Rollback.apply(engine, session, prepared,
                            new PrintingProgress(context.out()), new AtomicBoolean());
                    Releases.record(context.workDir(), context.environment(), session.state(), result, "rollback",
                            target);
                    result.failures().forEach(failure -> context.err().println(failure.render()));
                    if (!result.succeeded()) {
                        context.err().println("Rollback failed; state saved. Fix the errors above and run it again.");
                        return 1;
                    }
                    log.pin(new ReleaseLog.Pin(target, fingerprint));
                    context.out().println("\nRollback complete! Stack '" + common.stack + "' is pinned to serial "
                            + target + ": 'apply' of this program refuses until the program changes or --unpin.");
                    return 0;
                }
            }
        }

        /** The serial the release before the newest one wrote; without releases, the serial before. */
        private static long previous(List<Release> releases, long current) {
            List<Release> earlier = releases.stream().filter(r -> r.ok() && r.serial() < current).toList();
            if (!earlier.isEmpty()) {
                return earlier.get(earlier.size() - 1).serial();
            }
            return current - 1;
        }

        private boolean confirmed() {
            context.out().print("\nDo you want to roll back? Only 'yes' will be accepted.\n  Enter a value: ");
            context.out().flush();
            try {
                String answer = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
                        .readLine();
                return answer != null && answer.strip().equals("yes");
            } catch (IOException e) {
                throw ConvergeException.of("", "cannot read the confirmation: " + e.getMessage(), "pass --auto-approve");
            }
        }
    }
}
