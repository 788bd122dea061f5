package dev.converge.engine.declare;

import dev.converge.api.Address;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource as declared by the program, at its full address. Immutable.
 *
 * @param dependencies every address it depends on: through {@link Output} references anywhere in its
 *     properties and through {@code dependsOn}, in declaration order
 */
public record DeclaredResource(Address address, Declaration declaration, List<Address> dependencies) {

    public DeclaredResource {
        dependencies = List.copyOf(dependencies);
    }

    static DeclaredResource of(Address address, Declaration declaration) {
        Set<Address> deps = new LinkedHashSet<>();
        collect(declaration.properties(), deps);
        deps.addAll(declaration.options().dependsOn());
        deps.remove(address);
        return new DeclaredResource(address, declaration, List.copyOf(deps));
    }

    public String type() {
        return declaration.type();
    }

    /** The name of the provider configuration that manages it; empty for its provider's default one. */
    public String configuration() {
        return declaration.configuration() == null ? "" : declaration.configuration().name();
    }

    /**
     * The provider configuration that manages it (its provider's default one unless it or its component chose),
     * for messages: {@code aws} or {@code aws[eu]}.
     */
    public String managedBy() {
        return declaration.configuration() != null ? declaration.configuration().toString() : declaration.provider();
    }

    private static void collect(Object value, Set<Address> into) {
        if (value instanceof Output<?> output) {
            into.addAll(output.dependencies());
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, into));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, into));
        }
    }
}
