package dev.converge.engine.plan;

import dev.converge.api.Diagnostic;
import dev.converge.api.ProviderRef;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.declare.ProviderConfiguration;
import dev.converge.engine.state.ResourceState;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.Provider;
import dev.converge.spi.ResourceSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers of a run, by name, each configured once before first use; and one more instance of a
 * provider per named configuration the program declares ({@code stack.provider(...)}), made by
 * {@link Provider#forConfiguration} and configured with the stack's settings of that provider overlaid with
 * the configuration's own. The empty configuration name is the default one. Thread-safe.
 */
public final class Providers implements AutoCloseable {

    private final Map<String, Provider> byName;
    private final Set<String> configured = ConcurrentHashMap.newKeySet();
    /** Instances of named configurations, by {@link ProviderRef}; made and configured on first use. */
    private final Map<ProviderRef, Provider> named = new ConcurrentHashMap<>();
    private volatile java.util.function.Supplier<Map<ProviderRef, ProviderConfiguration>> declared = Map::of;
    private final String stack;
    private final Map<String, String> settings;
    private final Path workDir;

    private Providers(Map<String, Provider> byName, String stack, Map<String, String> settings, Path workDir) {
        this.byName = byName;
        this.stack = stack;
        this.settings = settings;
        this.workDir = workDir;
    }

    /** Explicit providers win over those of the same name found by ServiceLoader. */
    public static Providers of(List<Provider> explicit, boolean serviceLoader, String stack,
            Map<String, String> settings, Path workDir) {
        Map<String, Provider> byName = new LinkedHashMap<>();
        explicit.forEach(provider -> byName.put(provider.name(), provider));
        if (serviceLoader) {
            java.util.Iterator<Provider> found = ProviderDiscovery.providers(
                    Thread.currentThread().getContextClassLoader());
            while (true) {
                try {
                    if (!found.hasNext()) {
                        break;
                    }
                    Provider provider = found.next();
                    byName.putIfAbsent(provider.name(), provider);
                } catch (java.util.ServiceConfigurationError broken) {
                    // A provider jar that cannot load must not stop programs that do not use it; a
                    // resource of its type reports "no provider named ..." instead.
                    System.getLogger(Providers.class.getName()).log(System.Logger.Level.WARNING,
                            "skipping a provider that cannot be loaded: " + broken.getMessage());
                }
            }
        }
        Providers providers = new Providers(byName, stack, Map.copyOf(settings), workDir);
        return providers;
    }

    /**
     * Where the named configurations come from: the program's declarations, asked only when a named
     * configuration is first used (so that commands on default configurations never need the program).
     */
    public void configurations(java.util.function.Supplier<Map<ProviderRef, ProviderConfiguration>> source) {
        this.declared = source;
    }

    /** Whether the configuration {@code configuration} (empty: the default) of {@code type}'s provider exists. */
    public boolean declares(String type, String configuration) {
        String name = providerName(type);
        return byName.containsKey(name)
                && (configuration.isEmpty() || declared.get().containsKey(new ProviderRef(name, configuration)));
    }

    /**
     * The instance of {@code type}'s provider for {@code configuration} (empty: the default), configured; empty
     * if there is no such provider or the program does not declare that configuration.
     */
    public Optional<Provider> forConfiguration(String type, String configuration) {
        if (configuration.isEmpty()) {
            return forType(type);
        }
        if (!declares(type, configuration)) {
            return Optional.empty();
        }
        ProviderRef ref = new ProviderRef(providerName(type), configuration);
        Provider instance = named.get(ref);
        if (instance == null) {
            synchronized (this) {
                instance = named.get(ref);
                if (instance == null) {
                    instance = start(ref, forType(type).orElseThrow());
                    named.put(ref, instance);
                }
            }
        }
        return Optional.of(instance);
    }

    /** The instance for an object in state: of its type's provider and its configuration. */
    public Provider require(ResourceState object) {
        return require(object.type(), object.configuration());
    }

    /** The instance of {@code type}'s provider for {@code configuration}; a bug if the plan did not check it. */
    public Provider require(String type, String configuration) {
        return forConfiguration(type, configuration).orElseThrow(() -> new IllegalStateException("no provider for "
                + type + (configuration.isEmpty() ? "" : " in the configuration '" + configuration + "'")));
    }

    private Provider start(ProviderRef ref, Provider base) {
        Map<String, String> merged = new TreeMap<>(settingsFor(ref.provider()));
        merged.putAll(declared.get().get(ref).settings());
        try {
            Provider instance = base.forConfiguration(ref.name());
            instance.configure(new ConfigureRequest(stack, merged, workDir));
            return instance;
        } catch (dev.converge.spi.ProviderException e) {
            throw ConvergeException.of("provider:" + ref, "provider configuration " + ref + " cannot start: "
                    + e.getMessage(), "fix its settings (stack.provider(...) and the keys '" + ref.provider()
                    + ".*' in the stack configuration) or the system it connects to, then run the command again");
        }
    }

    /**
     * The problem of an object in state that must be changed or deleted through a provider configuration the
     * program no longer declares; empty when its configuration is there (or its provider is missing, which is
     * reported elsewhere). Converge does not keep a configuration's settings in state, so it refuses, naming
     * the way out.
     */
    public Optional<Diagnostic> checkConfigurationOf(ResourceState object, String action) {
        if (object.configuration().isEmpty() || !byName.containsKey(providerName(object.type()))
                || declares(object.type(), object.configuration())) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(object.address().toString(), "cannot " + action + " it: its object ("
                + object.id() + ") belongs to the provider configuration " + object.managedBy()
                + ", which the program no longer declares", "declare that configuration again (stack.provider(...)"
                + " named '" + object.configuration() + "') and apply, so that the object is deleted with it, then "
                + "remove the configuration; or forget the object without deleting it: converge state rm " + object.address()));
    }

    /** The provider of {@code type} in its default configuration, configured; empty if no provider has that name. */
    public Optional<Provider> forType(String type) {
        String name = providerName(type);
        Provider provider = byName.get(name);
        if (provider == null) {
            return Optional.empty();
        }
        if (!configured.contains(name)) {
            synchronized (this) {
                if (!configured.contains(name)) {
                    try {
                        provider.configure(new ConfigureRequest(stack, settingsFor(name), workDir));
                    } catch (dev.converge.spi.ProviderException e) {
                        throw dev.converge.engine.ConvergeException.of("", "provider '" + name + "' cannot start: "
                                + e.getMessage(), "fix the provider's settings (keys '" + name + ".*' in the stack "
                                + "configuration) or the system it connects to, then run the command again");
                    }
                    configured.add(name);
                }
            }
        }
        return Optional.of(provider);
    }

    public Provider require(String type) {
        return forType(type).orElseThrow(() -> new IllegalStateException("no provider for " + type));
    }

    /** A diagnostic for a type whose provider is missing, or empty if it is present. */
    public Optional<Diagnostic> checkType(String address, String type) {
        Optional<Diagnostic> missing = checkProvider(address, type);
        if (missing.isPresent()) {
            return missing;
        }
        Provider provider = byName.get(type.substring(0, type.indexOf(':')));
        if (provider.schema(type).isEmpty()) {
            return Optional.of(Diagnostic.error(address, "unknown resource type " + type,
                    "provider '" + provider.name() + "' has: " + String.join(", ", Provider.typeNames(provider.schemas()))));
        }
        return Optional.empty();
    }

    /** A diagnostic for a type whose provider is missing, or empty if the provider is present. */
    public Optional<Diagnostic> checkProvider(String address, String type) {
        String name = type.substring(0, Math.max(0, type.indexOf(':')));
        if (byName.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.error(address, "no provider named '" + name + "' for type " + type,
                "add the providers-" + name + " module to the program's dependencies (found: "
                        + String.join(", ", byName.keySet()) + ")"));
    }

    public Optional<ResourceSchema> schema(String type) {
        String name = type.substring(0, Math.max(0, type.indexOf(':')));
        return Optional.ofNullable(byName.get(name)).flatMap(provider -> provider.schema(type));
    }

    public Collection<Provider> all() {
        return byName.values();
    }

    private static String providerName(String type) {
        return type.substring(0, Math.max(0, type.indexOf(':')));
    }

    private Map<String, String> settingsFor(String name) {
        Map<String, String> mine = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(name + ".")) {
                mine.put(key, value);
            }
        });
        return mine;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        List<Provider> all = new ArrayList<>(named.values());
        all.addAll(byName.values());
        for (Provider provider : all) {
            try {
                provider.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
