package dev.converge.providers.docker;

import dev.converge.api.ProviderArgs;
import dev.converge.api.ProviderConfig;

/**
 * A named configuration of the {@code docker} provider: another Docker daemon in the same stack. Declare it
 * with {@code stack.provider(DockerConfig.named("edge").host("tcp://edge:2375"))} and choose it per resource
 * ({@code .provider(edge)}) or component. Immutable: every setter returns a new value.
 */
public final class DockerConfig extends ProviderArgs<DockerConfig> {

    private DockerConfig(ProviderConfig config) {
        super(config);
    }

    /** A configuration named {@code name} (letters, digits, {@code _}, {@code -}), unique among the stack's docker ones. */
    public static DockerConfig named(String name) {
        return new DockerConfig(ProviderConfig.of("docker", name));
    }

    @Override
    protected DockerConfig wrap(ProviderConfig next) {
        return new DockerConfig(next);
    }

    /** The daemon ({@code docker.host}), such as {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}. */
    public DockerConfig host(String host) {
        return with("host", host);
    }
}
