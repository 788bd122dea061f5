package dev.converge.examples.quickstart;

import dev.converge.api.Address;
import dev.converge.api.Config;
import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A stack that only records what a program declares, for tests that need no engine. */
final class RecordingStack implements Stack {

    final Map<Address, Declaration> resources = new LinkedHashMap<>();
    final Map<String, Object> exports = new LinkedHashMap<>();
    private final Map<String, String> settings;

    RecordingStack(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void export(String name, Object value) {
        exports.put(name, value);
    }

    @Override
    public Address path() {
        return Address.root();
    }

    @Override
    public <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource) {
        Address address = path().child(resource.name());
        resources.put(address, resource.declaration());
        return Ref.of(address, resource.declaration().type(), resource::outputs);
    }

    @Override
    public Scope component(String name) {
        throw new UnsupportedOperationException("the quick start declares no components");
    }

    @Override
    public Config config() {
        return new Config() {
            @Override
            public String stack() {
                return name();
            }

            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(settings.get(key));
            }

            @Override
            public String require(String key) {
                return get(key).orElse("");
            }

            @Override
            public Map<String, String> asMap() {
                return settings;
            }
        };
    }
}
