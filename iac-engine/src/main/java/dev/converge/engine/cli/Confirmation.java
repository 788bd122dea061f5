package dev.converge.engine.cli;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.Approval;
import dev.converge.engine.plan.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asks on the terminal whether to carry out a plan; only {@code yes} approves. */
final class Confirmation implements Approval {

    private final CliContext context;
    private final String question;
    private final String cancelled;
    /** The operation that refuses to prompt without a terminal; null to prompt whatever stdin is. */
    private final String needsTerminal;

    private Confirmation(CliContext context, String question, String cancelled, String needsTerminal) {
        this.context = context;
        this.question = question;
        this.cancelled = cancelled;
        this.needsTerminal = needsTerminal;
    }

    /**
     * The approval of an apply-like {@code operation}: automatic with {@code --auto-approve}; otherwise a prompt,
     * refused without a terminal.
     */
    static Approval of(CliContext context, String operation, boolean autoApprove) {
        return autoApprove ? Approval.automatic() : new Confirmation(context,
                "Do you want to perform these actions?", "\n" + operation + " cancelled: nothing was changed.",
                operation);
    }

    /** The approval of a rollback. */
    static Approval ofRollback(CliContext context, boolean autoApprove) {
        return autoApprove ? Approval.automatic() : new Confirmation(context, "Do you want to roll back?",
                "Rollback cancelled: nothing was changed.", null);
    }

    @Override
    public boolean approve(Plan plan) {
        if (needsTerminal != null && System.console() == null && context.in() == System.in) {
            throw ConvergeException.of("", needsTerminal + " needs confirmation, but no terminal is attached",
                    "run it on a terminal to answer the prompt, or pass --auto-approve");
        }
        context.out().print("\n" + question + " Only 'yes' will be accepted.\n  Enter a value: ");
        context.out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            if ("yes".equals(answer == null ? null : answer.strip())) {
                return true;
            }
        } catch (IOException e) {
            throw ConvergeException.of("", "cannot read the confirmation: " + e.getMessage(), "pass --auto-approve");
        }
        context.err().println(cancelled);
        return false;
    }
}
