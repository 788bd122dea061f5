package dev.converge.engine.automation;

import dev.converge.engine.plan.Plan;

/**
 * Decides, under the stack's lock and before anything changes, whether a computed plan is carried out:
 * the point where the command line asks "Do you want to perform these actions?". Only called for plans
 * with changes; never for a saved plan, which was reviewed when it was saved.
 */
@FunctionalInterface
public interface Approval {

    /** True to carry out {@code plan}; false leaves infrastructure and state as they are. */
    boolean approve(Plan plan);

    /** Approves every plan (the default of the Automation API, and {@code --auto-approve}). */
    static Approval automatic() {
        return plan -> true;
    }
}
