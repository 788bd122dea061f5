package dev.converge.engine.policy;

import dev.converge.api.Address;
import dev.converge.engine.plan.Plan;
import java.util.List;
import java.util.Optional;

/**
 * What a policy sees: the plan and every resource the program declares, as it will be after apply.
 * Immutable.
 */
public record PolicyInput(Plan plan, List<PlannedResource> resources) {

    public PolicyInput {
        resources = List.copyOf(resources);
    }

    public Optional<PlannedResource> resource(Address address) {
        return resources.stream().filter(r -> r.address().equals(address)).findFirst();
    }

    /** The resources of one type, such as {@code docker:Container}. */
    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }
}
