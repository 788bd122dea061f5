package dev.converge.providers.k8s;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.Values;
import java.time.Duration;
import java.util.Map;

/** Builds SPI requests from typed builders the way the engine would (defaults applied, values plain). */
final class Fixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Fixtures() {
    }

    static Map<String, Object> inputs(KubernetesArgs<?> args) {
        return Kinds.require(args.declaration().type()).schema()
                .withDefaults(Values.normalizeMap(args.declaration().properties()));
    }

    static CreateRequest create(String stack, Address address, KubernetesArgs<?> args, Duration timeout) {
        return new CreateRequest(address, args.declaration().type(), inputs(args), new Ownership(stack, address),
                timeout);
    }

    static CreateRequest create(Address address, KubernetesArgs<?> args) {
        return create("dev", address, args, TIMEOUT);
    }

    static ReadRequest read(Address address, KubernetesArgs<?> args, String id) {
        return new ReadRequest(address, args.declaration().type(), id, inputs(args), Map.of());
    }

    static DiffResponse diff(KubernetesProvider provider, Address address, KubernetesArgs<?> desired,
            ReadResponse observed) {
        return provider.diff(new DiffRequest(address, desired.declaration().type(), "", observed.inputs(),
                observed.outputs(), inputs(desired)));
    }

    /** The update the engine would send after refresh: prior = what was applied before. */
    static UpdateRequest update(KubernetesProvider provider, Address address, String id, KubernetesArgs<?> prior,
            KubernetesArgs<?> desired) {
        DiffResponse diff = provider.diff(new DiffRequest(address, desired.declaration().type(), id, inputs(prior),
                Map.of(), inputs(desired)));
        return new UpdateRequest(address, desired.declaration().type(), id, inputs(prior), Map.of(), inputs(desired),
                diff.diffs(), TIMEOUT);
    }
}
