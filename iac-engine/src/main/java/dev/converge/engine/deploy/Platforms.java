package dev.converge.engine.deploy;

import dev.converge.api.Address;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.TrafficRouter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The providers a strategy's services run on: the platform of a template's type, and a {@link Rollout}
 * over it with its traffic router, verification and events. Thread-safe.
 */
final class Platforms {

    private final Function<String, Optional<Provider>> providers;
    private final DeploymentEvents events;
    private final Verifier verifier = new Verifier();

    Platforms(Function<String, Optional<Provider>> providers, DeploymentEvents events) {
        this.providers = providers;
        this.events = events;
    }

    /** One strategy operation on the service at {@code address} of {@code stack}. */
    Rollout rollout(String stack, Address address, Map<String, Object> inputs, Duration timeout) {
        String type = Values.string(inputs, "instanceType");
        Provider platform = platform(type, address.toString());
        TrafficRouter router = platform.extension(TrafficRouter.class).orElseThrow(() -> ProviderException.fatal(
                address + ": provider '" + platform.name() + "' has no traffic router, so " + type
                        + " cannot be deployed by a strategy; use a provider that offers one (docker, k8s, aws)"));
        return new Rollout(address, new Ownership(stack, address), inputs, platform, router, timeout, verifier,
                events);
    }

    /** The provider of the template type {@code type}, or a failure naming the module to add. */
    Provider platform(String type, String address) {
        if (type == null) {
            throw ProviderException.fatal(address + ": the strategy has no service template; call .service(...)");
        }
        return providers.apply(type).orElseThrow(() -> ProviderException.fatal(address + ": no provider for the"
                + " template type " + type + "; add the providers-" + type.substring(0, Math.max(0, type.indexOf(':')))
                + " module to the program's dependencies"));
    }
}
