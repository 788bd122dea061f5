package dev.converge.testing.tidy.network;

import dev.converge.api.GenericResource;
import dev.converge.api.Ref;
import dev.converge.api.Scope;
import java.util.Map;

/** A tidy component: declares the network, knows nothing of its users. */
public final class Network {

    private Network() {
    }

    public static Ref<Map<String, Object>> declare(Scope scope) {
        return scope.add(GenericResource.of("docker:Network", "net"));
    }
}
