package dev.converge.engine.policy;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs policies over a plan. Pure; thread-safe.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    /**
     * The resources a policy sees: every declared resource with the properties it will have after
     * the plan is applied.
     *
     * @param prior the (refreshed) state the plan was computed from; unchanged resources take their
     *     properties from it
     */
    public static PolicyInput input(Plan plan, ResourceGraph graph, State prior) {
        List<PlannedResource> resources = new ArrayList<>();
        for (Address address : graph.order()) {
            DeclaredResource declared = graph.resource(address);
            Change change = plan.change(address).orElse(null);
            Change.Kind kind = change == null ? Change.Kind.NO_OP : change.kind();
            resources.add(new PlannedResource(address, declared.type(), propertiesAfter(change, declared, prior),
                    declared.declaration().options(), kind));
        }
        return new PolicyInput(plan, resources);
    }

    /** Every violation of every policy, in policy order. */
    public static List<Violation> evaluate(List<Policy> policies, PolicyInput input) {
        List<Violation> violations = new ArrayList<>();
        for (Policy policy : policies) {
            violations.addAll(policy.check(input));
        }
        return violations;
    }

    /**
     * Checks a normal plan: throws a {@link ConvergeException} listing every violation when any is
     * mandatory; otherwise returns the plan with advisory violations added to its warnings. Destroy
     * and refresh-only plans are returned unchanged: policies govern what is built, not its removal.
     */
    public static Plan enforce(List<Policy> policies, Plan plan, ResourceGraph graph, State prior) {
        if (policies.isEmpty() || plan.mode() != Plan.Mode.NORMAL) {
            return plan;
        }
        List<Violation> violations = evaluate(policies, input(plan, graph, prior));
        if (violations.isEmpty()) {
            return plan;
        }
        List<Diagnostic> diagnostics = violations.stream().map(Violation::toDiagnostic).toList();
        long mandatory = violations.stream().filter(Violation::isMandatory).count();
        if (mandatory > 0) {
            List<Diagnostic> all = new ArrayList<>(diagnostics);
            all.add(Diagnostic.error("", mandatory + " mandatory policy violation(s): nothing was changed",
                    "fix the resources named above, or change the policy's enforcement to ADVISORY"));
            throw new ConvergeException(all);
        }
        List<Diagnostic> warnings = new ArrayList<>(plan.warnings());
        warnings.addAll(diagnostics);
        return new Plan(plan.stack(), plan.lineage(), plan.priorSerial(), plan.mode(), plan.changes(), plan.drift(),
                plan.outputs(), warnings, plan.fingerprint());
    }

    private static Map<String, Object> propertiesAfter(Change change, DeclaredResource declared, State prior) {
        if (change instanceof Change.Create create) {
            return create.after();
        }
        if (change instanceof Change.Update update) {
            return update.after();
        }
        if (change instanceof Change.Replace replace) {
            return replace.after();
        }
        Address stored = change instanceof Change.Move move ? move.from() : declared.address();
        ResourceState state = prior.resource(stored);
        return state != null ? state.inputs() : declared.declaration().properties();
    }
}
