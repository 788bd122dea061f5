package dev.converge.engine.declare;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.Output;
import dev.converge.api.ProviderConfig;
import dev.converge.api.ProviderRef;
import dev.converge.api.Secret;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider configurations a program declares ({@code stack.provider(...)}), their settings resolved to
 * text, and the check that every resource uses a configuration of its own provider that the stack declares.
 * Not thread-safe: programs declare on one thread.
 */
final class ProviderDeclarations {

    private final Map<ProviderRef, ProviderConfiguration> declared = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics;

    ProviderDeclarations(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Declares {@code config}; problems (a bad name, a duplicate, a setting not known before planning) as diagnostics. */
    ProviderRef declare(ProviderConfig config) {
        ProviderRef ref = new ProviderRef(config.provider(), config.name());
        String where = "provider:" + ref;
        if (!ProviderConfig.isValidName(config.name())) {
            diagnostics.add(Diagnostic.error(where, "invalid provider configuration name '" + config.name() + "'",
                    "use letters, digits, _ and -"));
            return ref;
        }
        if (declared.containsKey(ref)) {
            diagnostics.add(Diagnostic.error(where, "duplicate provider configuration '" + config.name()
                    + "' of provider '" + config.provider() + "'", "declare each configuration of a provider once"));
            return ref;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        config.settings().forEach((key, value) -> resolve(where, config.provider() + "." + key, value)
                .ifPresent(text -> {
                    settings.put(config.provider() + "." + key, text.value());
                    if (text.secret()) {
                        secrets.add(config.provider() + "." + key);
                    }
                }));
        declared.put(ref, new ProviderConfiguration(ref, settings, secrets));
        return ref;
    }

    private record Text(String value, boolean secret) {
    }

    private Optional<Text> resolve(String where, String key, Object value) {
        if (value == null) {
            diagnostics.add(Diagnostic.error(where, "the setting '" + key + "' has no value", "give it a value"));
            return Optional.empty();
        }
        if (value instanceof Output<?> output) {
            Output.Resolution<?> resolution = output.dependencies().isEmpty()
                    ? output.resolve(address -> Optional.empty()) : null;
            if (resolution == null || !resolution.known()) {
                diagnostics.add(Diagnostic.error(where, "the setting '" + key + "' is known only after apply",
                        "a provider configuration is set up before planning: give it a plain value, a configuration "
                                + "value or Output.secret(...), not an output of a resource"));
                return Optional.empty();
            }
            return resolve(where, key, resolution.secret() ? Secret.of(resolution.value()) : resolution.value());
        }
        if (value instanceof Secret secret) {
            return Optional.of(new Text(String.valueOf(secret.reveal()), true));
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(new Text(value.toString(), false));
        }
        diagnostics.add(Diagnostic.error(where, "the setting '" + key + "' is a " + value.getClass().getSimpleName(),
                "give provider settings as text, numbers or booleans"));
        return Optional.empty();
    }

    /** Reports a resource whose configuration is of another provider or not declared by this stack. */
    void check(Address address, String type, ProviderRef chosen) {
        String provider = type.substring(0, type.indexOf(':'));
        if (!chosen.provider().equals(provider)) {
            diagnostics.add(Diagnostic.error(address.toString(), "the provider configuration " + chosen
                    + " is one of provider '" + chosen.provider() + "', but " + type + " is managed by provider '"
                    + provider + "'", "choose a configuration of '" + provider + "' for it, or none"));
        } else if (!chosen.isDefault() && !declared.containsKey(chosen)) {
            diagnostics.add(Diagnostic.error(address.toString(), "uses the provider configuration " + chosen
                    + ", which this stack does not declare", "declare it with stack.provider(...) and use the "
                    + "reference it returns"));
        }
    }

    Map<ProviderRef, ProviderConfiguration> declared() {
        return declared;
    }
}
