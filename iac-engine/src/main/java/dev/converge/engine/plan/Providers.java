package dev.converge.engine.plan;

import dev.converge.api.Diagnostic;
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
 * The providers of a run, by name, each configured once before first use. Thread-safe.
 */
public final class Providers implements AutoCloseable {

    private final Map<String, Provider> byName;
    private final Set<String> configured = ConcurrentHashMap.newKeySet();
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

    /** The provider of {@code type}, configured; empty if no provider has that name. */
    public Optional<Provider> forType(String type) {
        String name = type.substring(0, Math.max(0, type.indexOf(':')));
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
        for (Provider provider : byName.values()) {
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
