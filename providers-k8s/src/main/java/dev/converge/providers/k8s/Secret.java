package dev.converge.providers.k8s;

import dev.converge.api.Declaration;

/**
 * A Secret ({@code k8s:Secret}). Its data is sensitive: encrypted in state and shown as
 * {@code (sensitive)} in plans, even when given as plain strings. Changing {@code type} replaces it.
 */
public final class Secret extends KubernetesResource<Secret> {

    private Secret(Declaration declaration) {
        super(declaration);
    }

    /** A Secret whose Kubernetes name is {@code name}. */
    public static Secret of(String name) {
        return new Secret(declare("Secret", name));
    }

    /**
     * A lookup of the existing Secret {@code name} that Converge does not manage, under the same name in the
     * program; its data stays secret: {@code stack.lookup(Secret.lookup("db-credentials").namespace("prod"))}.
     */
    public static SecretLookup lookup(String name) {
        return SecretLookup.create(name);
    }

    @Override
    protected Secret wrap(Declaration next) {
        return new Secret(next);
    }

    /** One entry (stored base64-encoded by Kubernetes); the value may be an {@code Output}. */
    public Secret data(String key, Object value) {
        return withEntry("data", key, value);
    }

    /** The Secret type, {@code Opaque} by default. */
    public Secret type(String type) {
        return with("type", type);
    }
}
