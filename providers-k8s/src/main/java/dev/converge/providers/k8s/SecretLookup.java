package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lookup of an existing Secret that Converge does not manage ({@code k8s:Secret}), by name, namespace and
 * labels. Its data is decoded and kept secret: a value selected from it, such as
 * {@code creds.output(s -> s.data().get("password"))}, is a secret {@code Output}, shown as
 * {@code (sensitive)} and encrypted wherever it is stored.
 */
public final class SecretLookup extends LookupArgs<SecretLookup, SecretLookup.Info> {

    /**
     * The Secret found.
     *
     * @param id {@code namespace/name}
     * @param data its entries as text; every value selected from them stays secret
     */
    public record Info(String id, String name, String namespace, String type, Map<String, String> data) {
    }

    private SecretLookup(Declaration declaration) {
        super(declaration);
    }

    /** The lookup of the Secret {@code name}, under the same name in the program. */
    static SecretLookup create(String name) {
        return new SecretLookup(Declaration.of(KubernetesLookups.SECRET, name)).objectName(name);
    }

    /** The Kubernetes name, when it differs from the name in the program. */
    public SecretLookup objectName(Object name) {
        return with("name", name);
    }

    /** The namespace; without it, the provider's {@code k8s.namespace}. */
    public SecretLookup namespace(Object namespace) {
        return with("namespace", namespace);
    }

    /** The Secret must carry this label (it may carry others). */
    public SecretLookup label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected SecretLookup wrap(Declaration next) {
        return new SecretLookup(next);
    }

    @Override
    public Info outputs(Map<String, Object> values) {
        Map<String, String> data = new LinkedHashMap<>();
        Values.mapOf(values, "data").forEach((key, value) -> data.put(key, String.valueOf(value)));
        return new Info(Values.string(values, "id"), Values.string(values, "name"), Values.string(values, "namespace"),
                Values.string(values, "type"), data);
    }
}
