package dev.converge.providers.docker;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import dev.converge.spi.Values;
import java.util.Map;

/**
 * A Docker network ({@code docker:Network}). Its name defaults to {@code <stack>_<resource name>},
 * as compose names project networks; containers on it find each other by their resource names.
 * Immutable: every setter returns a new value.
 */
public final class DockerNetwork extends ResourceArgs<DockerNetwork, DockerNetwork.Outputs> {

    /** The network as applied: its id, name, and the subnet and gateway Docker assigned. */
    public record Outputs(String id, String name, String subnet, String gateway) {
    }

    private DockerNetwork(Declaration declaration) {
        super(declaration);
    }

    public static DockerNetwork of(String name) {
        return new DockerNetwork(Declaration.of(DockerSchemas.NETWORK, name));
    }

    /**
     * A lookup of the existing network {@code networkName} that Converge does not manage, under the same
     * name in the program: {@code stack.lookup(DockerNetwork.lookup("shared"))}.
     */
    public static DockerNetworkLookup lookup(String networkName) {
        return DockerNetworkLookup.create(networkName);
    }

    /** A fixed Docker name instead of {@code <stack>_<resource name>}. */
    public DockerNetwork networkName(String name) {
        return with("name", name);
    }

    /** The driver; default {@code bridge}. */
    public DockerNetwork driver(String driver) {
        return with("driver", driver);
    }

    /** An internal network has no route to the outside world. */
    public DockerNetwork internal(boolean internal) {
        return with("internal", internal);
    }

    public DockerNetwork label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected DockerNetwork wrap(Declaration next) {
        return new DockerNetwork(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Values.string(values, "id"), Values.string(values, "name"),
                Values.string(values, "subnet"), Values.string(values, "gateway"));
    }
}
