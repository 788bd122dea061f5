package dev.converge.providers.docker;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import dev.converge.spi.Values;
import java.util.Map;

/**
 * A lookup of an existing Docker network that Converge does not manage ({@code docker:Network}), by its
 * exact name; its outputs are those of a {@link DockerNetwork}, so a container joins it as it joins a
 * managed one: {@code DockerContainer.of("app").network(stack.lookup(DockerNetwork.lookup("shared")))}.
 */
public final class DockerNetworkLookup extends LookupArgs<DockerNetworkLookup, DockerNetwork.Outputs> {

    private DockerNetworkLookup(Declaration declaration) {
        super(declaration);
    }

    /** The lookup of the network {@code networkName}, under the same name in the program. */
    static DockerNetworkLookup create(String networkName) {
        return new DockerNetworkLookup(Declaration.of(DockerSchemas.NETWORK, networkName)).networkName(networkName);
    }

    public DockerNetworkLookup networkName(Object name) {
        return with("name", name);
    }

    public DockerNetworkLookup driver(String driver) {
        return with("driver", driver);
    }

    /** The network must carry this label (it may carry others). */
    public DockerNetworkLookup label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected DockerNetworkLookup wrap(Declaration next) {
        return new DockerNetworkLookup(next);
    }

    @Override
    public DockerNetwork.Outputs outputs(Map<String, Object> values) {
        return new DockerNetwork.Outputs(Values.string(values, "id"), Values.string(values, "name"),
                Values.string(values, "subnet"), Values.string(values, "gateway"));
    }
}
