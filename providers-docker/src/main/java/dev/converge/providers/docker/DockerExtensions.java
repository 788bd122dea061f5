package dev.converge.providers.docker;

import dev.converge.spi.ResourceHandlers;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.deploy.Restarter;
import dev.converge.spi.deploy.TrafficRouter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the Docker provider is made of beyond its own class: the handler of each resource and lookup type,
 * and the optional capabilities it offers beyond the core operations, an nginx {@link TrafficRouter} for
 * deployment strategies and a {@link Restarter}. Kept apart so the provider class depends on one entry
 * point instead of each handler and capability.
 */
final class DockerExtensions {

    private DockerExtensions() {
    }

    /** The handlers of one daemon connection: one per resource type, and the lookups of networks and images. */
    static ResourceHandlers handlers(String provider, DockerConnection docker, Path workDir) {
        ImageHandler images = new ImageHandler(docker, workDir);
        NetworkHandler networks = new NetworkHandler(docker);
        Map<String, DockerHandler> byType = new LinkedHashMap<>();
        byType.put(DockerSchemas.IMAGE, images);
        byType.put(DockerSchemas.NETWORK, networks);
        byType.put(DockerSchemas.VOLUME, new VolumeHandler(docker));
        byType.put(DockerSchemas.CONTAINER, new ContainerHandler(docker));
        return ResourceHandlers.of(provider, byType)
                .withLookups(Map.of(DockerSchemas.IMAGE, images::lookup, DockerSchemas.NETWORK, networks::lookup));
    }

    /** The lookup types: see {@link DockerLookups}. */
    static Collection<ResourceSchema> lookupSchemas() {
        return DockerLookups.all();
    }

    static <T> Optional<T> find(Class<T> type, Supplier<DockerConnection> docker) {
        if (type == TrafficRouter.class) {
            return Optional.of(type.cast(new NginxRouter(docker.get())));
        }
        if (type == Restarter.class) {
            return Optional.of(type.cast(new ContainerRestarter(docker.get())));
        }
        return Optional.empty();
    }
}
