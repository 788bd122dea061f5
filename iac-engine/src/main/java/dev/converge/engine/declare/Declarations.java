package dev.converge.engine.declare;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.ProviderRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a program declared for one stack: resources in declaration order, exports, lookups, references to
 * other stacks, the named provider configurations, and the problems found while declaring. Immutable once
 * collected.
 */
public record Declarations(String stack, Map<Address, DeclaredResource> resources, Map<String, Object> exports,
        List<Diagnostic> diagnostics, Map<String, String> config, Map<Address, DeclaredResource> lookups,
        Map<Address, DeclaredReference> references, Map<ProviderRef, ProviderConfiguration> configurations) {

    public Declarations {
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        diagnostics = List.copyOf(diagnostics);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        lookups = Collections.unmodifiableMap(new LinkedHashMap<>(lookups));
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
        configurations = Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
    }

    /** Declarations of resources only: no lookups, no references to other stacks, no named provider configurations. */
    public Declarations(String stack, Map<Address, DeclaredResource> resources, Map<String, Object> exports,
            List<Diagnostic> diagnostics, Map<String, String> config) {
        this(stack, resources, exports, diagnostics, config, Map.of(), Map.of(), Map.of());
    }

    /** Whether {@code address} names a declared resource, lookup or stack reference. */
    public boolean declares(Address address) {
        return resources.containsKey(address) || lookups.containsKey(address) || references.containsKey(address);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public DeclaredResource resource(Address address) {
        return resources.get(address);
    }
}
