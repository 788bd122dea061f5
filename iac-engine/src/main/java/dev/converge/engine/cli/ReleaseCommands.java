package dev.converge.engine.cli;

import dev.converge.engine.automation.Release;
import dev.converge.engine.automation.RollbackRequest;
import dev.converge.engine.automation.RollbackResult;
import dev.converge.engine.automation.StackEngine;
import java.time.Instant;
import java.util.List;

/** {@code releases} and {@code rollback}: what was released, and going back to an earlier release. */
final class ReleaseCommands {

    private ReleaseCommands() {
    }

    static final class ListReleases extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("releases",
                "List the stack's releases, or with --stats its delivery measures.").with(CommonOptions.OPTIONS)
                .with(OptionSpec.flag("--stats", "deployment frequency, lead time, change-fail rate, time to restore"));

        ListReleases(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            try (StackEngine engine = context.engine(common)) {
                if (args.flag("--stats")) {
                    context.out().print(engine.releaseStats().render());
                    return 0;
                }
                print(engine.releases(), common.stack);
                return 0;
            }
        }

        private void print(List<Release> releases, String stack) {
            if (releases.isEmpty()) {
                context.out().println("No releases recorded for stack '" + stack + "' yet.");
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

    static final class RollbackCommand extends DeclaredCommand {
        private static final CommandSpec SPEC = CommandSpec.of("rollback",
                "Restore the resources and inputs of an earlier release, then pin the stack to it.")
                .with(CommonOptions.OPTIONS)
                .with(OptionSpec.of("--to", OptionSpec.Kind.LONG, "SERIAL", null,
                        "the serial to restore; default: the release before the current one"), ApplyCommand.AUTO_APPROVE,
                        OptionSpec.flag("--allow-data-changes", "allow replacing or deleting resources that hold data"));

        RollbackCommand(CliContext context) {
            super(context, SPEC);
        }

        @Override
        int run(Arguments args) {
            CommonOptions common = new CommonOptions(args);
            Long to = args.value("--to", Long.class);
            RollbackRequest request = (to == null ? RollbackRequest.toPrevious() : RollbackRequest.toSerial(to))
                    .withDataChanges(args.flag("--allow-data-changes"))
                    .withApproval(Confirmation.ofRollback(context, args.flag("--auto-approve")));
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
