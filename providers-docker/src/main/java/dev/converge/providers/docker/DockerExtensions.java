package dev.converge.providers.docker;

import dev.converge.spi.deploy.Restarter;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The optional capabilities the Docker provider offers beyond the core operations: an nginx
 * {@link TrafficRouter} for deployment strategies and a {@link Restarter}. Kept apart so the provider
 * class depends on one entry point instead of each capability.
 */
final class DockerExtensions {

    private DockerExtensions() {
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
