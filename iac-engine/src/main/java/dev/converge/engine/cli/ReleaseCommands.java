package dev.converge.engine.cli;

import dev.converge.engine.automation.Release;
import dev.converge.engine.automation.RollbackRequest;
import dev.converge.engine.automation.RollbackResult;
import dev.converge.engine.automation.StackEngine;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
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
            try (StackEngine engine = context.engine(common)) {
                if (stats) {
                    context.out().print(engine.releaseStats().render());
                    return 0;
                }
                print(engine.releases());
                return 0;
            }
        }

        private void print(List<Release> releases) {
            if (releases.isEmpty()) {
                context.out().println("No releases recorded for stack '" + common.stack + "' yet.");
                return;
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
            RollbackRequest request = (to == null ? RollbackRequest.toPrevious() : RollbackRequest.toSerial(to))
                    .withDataChanges(allowDataChanges).withApproval(Confirmation.ofRollback(context, autoApprove));
            try (StackEngine engine = context.printingEngine(common)) {
                RollbackResult result = engine.rollback(request);
                if (result.applied().status() == dev.converge.engine.automation.ApplyResult.Status.DECLINED) {
                    return 1;
                }
                result.applied().failures().forEach(failure -> context.err().println(failure.render()));
                if (!result.succeeded()) {
                    context.err().println("Rollback failed; state saved. Fix the errors above and run it again.");
                    return 1;
                }
                context.out().println("\nRollback complete! Stack '" + common.stack + "' is pinned to serial "
                        + result.toSerial() + ": 'apply' of this program refuses until the program changes or --unpin.");
                return 0;
            }
        }
    }
}
