package dev.converge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What resource builders ({@link ResourceArgs}) and lookup builders ({@link LookupArgs}) share: an immutable
 * {@link Declaration} (type, name, properties) that every setter replaces, and a typed view of outputs.
 *
 * @param <S> the concrete builder type, returned by every setter
 * @param <O> the typed view of the outputs
 */
public abstract class DeclarationArgs<S extends DeclarationArgs<S, O>, O> {

    private final Declaration declaration;

    DeclarationArgs(Declaration declaration) {
        this.declaration = declaration;
    }

    /** Returns a builder of the concrete type around {@code next}. */
    protected abstract S wrap(Declaration next);

    /** The typed view of the outputs (the provider's property map, with {@code id}). */
    public abstract O outputs(Map<String, Object> values);

    public final Declaration declaration() {
        return declaration;
    }

    public final String name() {
        return declaration.name();
    }

    /** Sets a property to a plain value, a {@link Secret} or an {@link Output}; {@code null} removes it. */
    protected final S with(String key, Object value) {
        return wrap(declaration.withProperty(key, value));
    }

    /** Adds one entry to a map-valued property such as {@code env}, {@code labels} or {@code tags}. */
    protected final S withEntry(String key, String entryKey, Object value) {
        return wrap(declaration.withEntry(key, entryKey, value));
    }

    /** Appends one element to a list-valued property such as {@code ports}. */
    protected final S withElement(String key, Object element) {
        Object current = declaration.properties().get(key);
        List<Object> list = current instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        list.add(element);
        return with(key, list);
    }

    /**
     * Manages this resource, or looks this lookup up, with the provider configuration {@code configuration}
     * (from {@link Stack#provider(ProviderConfig)}) instead of its component's or its provider's default one.
     * Changing the configuration of an existing resource replaces it.
     */
    public final S provider(ProviderRef configuration) {
        return wrap(declaration.withConfiguration(java.util.Objects.requireNonNull(configuration, "configuration")));
    }

    /** The same declaration under another name, for example one per environment. */
    public final S named(String newName) {
        return wrap(declaration.withName(newName));
    }
}
