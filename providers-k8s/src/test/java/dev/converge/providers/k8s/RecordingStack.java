package dev.converge.providers.k8s;

import dev.converge.api.Address;
import dev.converge.api.Config;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal stand-in for the engine's stack while its command line is not ready: records the
 * declarations of a program in order. Configuration comes from a map.
 */
final class RecordingStack implements Stack {

    private final String name;
    private final Address path;
    private final Map<Address, Declaration> declarations;
    private final Map<String, String> config;

    private RecordingStack(String name, Address path, Map<Address, Declaration> declarations,
            Map<String, String> config) {
        this.name = name;
        this.path = path;
        this.declarations = declarations;
        this.config = config;
    }

    static Map<Address, Declaration> declare(Program program, String stack, Map<String, String> config) {
        Map<Address, Declaration> result = new LinkedHashMap<>();
        program.define(new RecordingStack(stack, Address.root(), result, config));
        return result;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void export(String key, Object value) {
    }

    @Override
    public Address path() {
        return path;
    }

    @Override
    public <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource) {
        Address address = path.child(resource.name());
        if (declarations.putIfAbsent(address, resource.declaration()) != null) {
            throw new IllegalArgumentException("duplicate resource " + address);
        }
        return Ref.of(address, resource.declaration().type(), resource::outputs);
    }

    @Override
    public Scope component(String child) {
        return new RecordingStack(name, path.child(child), declarations, config);
    }

    @Override
    public Config config() {
        return new Config() {
            @Override
            public String stack() {
                return name;
            }

            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(config.get(key));
            }

            @Override
            public String require(String key) {
                return get(key).orElseThrow(() -> new IllegalArgumentException("missing config " + key));
            }

            @Override
            public Map<String, String> asMap() {
                return Map.copyOf(config);
            }
        };
    }

    /** Resolves every {@link Output} in {@code value} against the outputs of created resources. */
    static Object resolve(Object value, Output.Resolver resolver) {
        if (value instanceof Output<?> output) {
            Output.Resolution<?> resolution = output.resolve(resolver);
            if (!resolution.known()) {
                throw new IllegalStateException("unresolved output " + output);
            }
            return resolve(resolution.value(), resolver);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), resolve(item, resolver)));
            return copy;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(item -> resolve(item, resolver)).toList();
        }
        return value;
    }
}
