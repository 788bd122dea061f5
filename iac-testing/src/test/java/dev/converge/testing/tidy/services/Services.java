package dev.converge.testing.tidy.services;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.testing.tidy.network.Network;
import java.util.List;

/** A tidy program: one direction of dependencies, few resources per method. */
public final class Services implements Program {

    @Override
    public void define(Stack stack) {
        var net = Network.declare(stack);
        stack.add(GenericResource.of("docker:Container", "api").set("image", "api:1")
                .set("networks", List.of(net.output(n -> n.get("name")))));
    }
}
