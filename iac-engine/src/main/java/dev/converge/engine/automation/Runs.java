package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import java.util.List;
import java.util.Optional;

/**
 * The {@link StackEngine}'s changing operations, each handed to the class that owns its sequence under the
 * stack's lock. Not thread-safe.
 */
final class Runs {

    private final Pipeline pipeline;
    private final Events events;

    Runs(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    ApplyResult apply(String operation, ApplyRequest request) {
        return new ApplyRun(pipeline, events).run(operation, request.options(), request, true);
    }

    ApplyResult destroy(ApplyRequest request) {
        PlanOptions options = request.options();
        return new ApplyRun(pipeline, events).run("destroy", new PlanOptions(Plan.Mode.DESTROY, options.targets(),
                options.excludes(), options.replace()), request, false);
    }

    ApplyResult promoteRelease(String fromStack, ApplyRequest request) {
        return new StackPromotion(pipeline, events).run(fromStack, request);
    }

    RefreshResult refresh() {
        return new Maintenance(pipeline, events).refresh();
    }

    ImportResult importResource(Address address, String id) {
        return new Maintenance(pipeline, events).importResource(address, id);
    }

    RollbackResult rollback(RollbackRequest request) {
        return new RollbackRun(pipeline, events).run(request);
    }

    DeploymentResult control(Address address, DeploymentResult.Action action, Optional<DeploymentStep> pauseAt) {
        return new DeploymentControl(pipeline, events).control(address, action, pauseAt);
    }

    ResourceState restart(Address address) {
        return new DeploymentControl(pipeline, events).restart(address);
    }

    State removeFromState(List<Address> addresses) {
        return new Maintenance(pipeline, events).remove(addresses);
    }

    State moveInState(Address from, Address to) {
        return new Maintenance(pipeline, events).move(from, to);
    }

    State writeState(State state) {
        return new Maintenance(pipeline, events).write(state);
    }
}
