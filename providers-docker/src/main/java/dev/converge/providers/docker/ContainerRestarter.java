package dev.converge.providers.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.Restarter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Restarts a Docker container in place (stop with its grace period, start), keeping its definition. */
final class ContainerRestarter implements Restarter {

    private final DockerConnection docker;

    ContainerRestarter(DockerConnection docker) {
        this.docker = docker;
    }

    @Override
    public Map<String, Object> restart(Request request) {
        if (!DockerSchemas.CONTAINER.equals(request.type())) {
            throw ProviderException.fatal(request.address() + ": only containers can be restarted, not "
                    + request.type());
        }
        int grace = (int) Values.number(request.inputs(), "stopTimeoutSeconds", 10);
        try {
            docker.run("restart container " + request.id(),
                    () -> docker.client().restartContainerCmd(request.id()).withTimeout(grace).exec());
            var inspected = docker.call("inspect container " + request.id(),
                    () -> docker.client().inspectContainerCmd(request.id()).exec());
            if (!Boolean.TRUE.equals(inspected.getState().getRunning())) {
                throw ProviderException.fatal(request.address() + ": container " + request.id() + " did not run again"
                        + " after the restart (" + inspected.getState().getStatus() + "); see docker logs");
            }
            Map<String, Object> outputs = new LinkedHashMap<>(request.outputs());
            return Values.normalizeMap(outputs);
        } catch (NotFoundException gone) {
            throw ProviderException.notFound(request.address() + ": container " + request.id() + " no longer exists;"
                    + " run apply to recreate it");
        }
    }
}
