package dev.converge.engine.declare;

import dev.converge.api.Address;
import dev.converge.api.Config;
import dev.converge.api.Declaration;
import dev.converge.api.Diagnostic;
import dev.converge.api.LookupArgs;
import dev.converge.api.Program;
import dev.converge.api.ProviderConfig;
import dev.converge.api.ProviderRef;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import dev.converge.api.StackReference;
import dev.converge.api.StateSource;
import dev.converge.spi.state.StateBackend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link Program} and collects its declarations. The tree is locked once {@code define}
 * returns: a scope used after that fails. Not thread-safe; programs declare on one thread.
 */
public final class StackCollector {

    private final String stackName;
    private final StackConfig config;
    private final Map<Address, DeclaredResource> resources = new LinkedHashMap<>();
    private final Map<Address, DeclaredResource> lookups = new LinkedHashMap<>();
    private final Map<Address, DeclaredReference> references = new LinkedHashMap<>();
    private final Set<Address> taken = new HashSet<>();
    private final Map<String, Object> exports = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final ProviderDeclarations providers = new ProviderDeclarations(diagnostics);
    private boolean locked;

    private StackCollector(String stackName, StackConfig config) {
        this.stackName = stackName;
        this.config = config;
    }

    /** Runs the program; a program that throws is reported as a diagnostic, not rethrown. */
    public static Declarations collect(Program program, StackConfig config) {
        StackCollector collector = new StackCollector(config.stack(), config);
        try {
            program.define(collector.new StackScope());
        } catch (RuntimeException e) {
            collector.diagnostics.add(Diagnostic.error("", "the program failed while declaring resources: " + e,
                    "fix the program; " + firstFrame(e)));
        }
        collector.locked = true;
        java.util.stream.Stream.concat(collector.resources.values().stream(), collector.lookups.values().stream())
                .filter(declared -> declared.declaration().configuration() != null)
                .forEach(declared -> collector.providers.check(declared.address(), declared.type(),
                        declared.declaration().configuration()));
        List<Diagnostic> all = new ArrayList<>(config.problems());
        all.addAll(collector.diagnostics);
        return new Declarations(config.stack(), collector.resources, collector.exports, all, config.asMap(),
                collector.lookups, collector.references, collector.providers.declared());
    }

    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "" : "thrown at " + trace[0];
    }

    private void checkOpen() {
        if (locked) {
            throw new IllegalStateException("the declaration tree of stack '" + stackName
                    + "' is locked: declare resources only inside Program.define");
        }
    }

    private boolean claim(Address address, String what) {
        if (!taken.add(address)) {
            diagnostics.add(Diagnostic.error(address.toString(), "duplicate name: another resource or component "
                    + "already uses '" + address + "'", "give this " + what + " a unique name within "
                    + (address.parent().isRoot() ? "the stack" : address.parent().toString())));
            return false;
        }
        return true;
    }

    private class ScopeImpl implements Scope {
        private final Address path;
        /** The configuration its resources use by default, per provider name. */
        private final Map<String, ProviderRef> configurations;

        ScopeImpl(Address path, Map<String, ProviderRef> configurations) {
            this.path = path;
            this.configurations = Map.copyOf(configurations);
        }

        @Override
        public Address path() {
            return path;
        }

        @Override
        public <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource) {
            return declare(resource.declaration(), "resource", resources, resource::outputs);
        }

        @Override
        public <L extends LookupArgs<L, O>, O> Ref<O> lookup(L lookup) {
            return declare(lookup.declaration(), "lookup", lookups, lookup::outputs);
        }

        private <O> Ref<O> declare(Declaration declaration, String what, Map<Address, DeclaredResource> into,
                java.util.function.Function<Map<String, Object>, O> view) {
            checkOpen();
            if (!Address.isValidName(declaration.name())) {
                diagnostics.add(Diagnostic.error(path + "/" + declaration.name(), "invalid " + what + " name '"
                        + declaration.name() + "'", "use letters, digits and . _ - : @"));
                return Ref.of(path.child("invalid"), declaration.type(), view);
            }
            Address address = path.child(declaration.name());
            ProviderRef inherited = configurations.get(declaration.provider());
            if (declaration.configuration() == null && inherited != null) {
                declaration = declaration.withConfiguration(inherited);
            }
            if (claim(address, what)) {
                into.put(address, DeclaredResource.of(address, declaration));
            }
            return Ref.of(address, declaration.type(), view);
        }

        @Override
        public Scope component(String name) {
            return component(name, new ProviderRef[0]);
        }

        @Override
        public Scope component(String name, ProviderRef... chosen) {
            checkOpen();
            Map<String, ProviderRef> inner = new java.util.HashMap<>(configurations);
            for (ProviderRef ref : chosen) {
                inner.put(ref.provider(), ref);
            }
            if (!Address.isValidName(name)) {
                diagnostics.add(Diagnostic.error(path + "/" + name, "invalid component name '" + name + "'",
                        "use letters, digits and . _ - : @"));
                return new ScopeImpl(path.child("invalid"), inner);
            }
            Address address = path.child(name);
            claim(address, "component");
            return new ScopeImpl(address, inner);
        }

        @Override
        public Config config() {
            return config;
        }
    }

    private final class StackScope extends ScopeImpl implements Stack {
        StackScope() {
            super(Address.root(), Map.of());
        }

        @Override
        public ProviderRef provider(ProviderConfig configuration) {
            checkOpen();
            return providers.declare(configuration);
        }

        @Override
        public String name() {
            return stackName;
        }

        @Override
        public void export(String name, Object value) {
            checkOpen();
            if (exports.containsKey(name)) {
                diagnostics.add(Diagnostic.error("output:" + name, "duplicate stack output '" + name + "'",
                        "export each name once"));
            }
            exports.put(name, value);
        }

        @Override
        public StackReference reference(String stack) {
            return referenceTo(stack, Optional.empty());
        }

        @Override
        public StackReference reference(String stack, StateSource backend) {
            if (!(backend instanceof StateBackend stateBackend)) {
                throw new IllegalArgumentException("stack.reference(\"" + stack + "\", backend) needs a state backend "
                        + "(dev.converge.spi.state.StateBackend), not " + backend);
            }
            return referenceTo(stack, Optional.of(stateBackend));
        }

        /** One handle per referenced stack: referring to it again (from another component) gives the same. */
        private StackReference referenceTo(String stack, Optional<StateBackend> backend) {
            checkOpen();
            if (!Address.isValidName(stack) || stack.startsWith(".")) {
                diagnostics.add(Diagnostic.error("stack:" + stack, "invalid stack name '" + stack + "' in a stack "
                        + "reference", "use the name the other stack was applied with (letters, digits, . _ -)"));
                return StackReference.of(Address.of("stack:invalid"), stack);
            }
            Address address = Address.of("stack:" + stack);
            DeclaredReference earlier = references.get(address);
            if (earlier != null) {
                if (!earlier.backend().equals(backend)) {
                    diagnostics.add(Diagnostic.error(address.toString(), "stack '" + stack + "' is referenced "
                            + "twice with different state backends", "reference each stack from one backend"));
                }
                return earlier.handle();
            }
            StackReference handle = StackReference.of(address, stack);
            if (claim(address, "stack reference")) {
                references.put(address, new DeclaredReference(address, handle, backend));
            }
            return handle;
        }
    }
}
