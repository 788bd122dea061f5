package dev.converge.providers.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.converge.spi.ProviderException;
import dev.converge.spi.deploy.RouterRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker calls of the nginx router: create or adopt its container, run a shell command in it.
 * Its configuration lives on its own volume, so a recreated router container keeps the last routing.
 */
final class RouterContainer {

    static final String DEFAULT_IMAGE = "converge/nginx:1";

    private final DockerConnection docker;

    RouterContainer(DockerConnection docker) {
        this.docker = docker;
    }

    /** The running router named in {@code request}, created and started if it does not exist. */
    InspectContainerResponse ensure(RouterRequest request, String network) {
        Optional<InspectContainerResponse> existing = inspect(request.name());
        if (existing.isPresent() && Boolean.TRUE.equals(existing.get().getState().getRunning())) {
            return existing.get();
        }
        if (existing.isPresent()) {
            docker.run("start router " + request.name(), () -> docker.client().startContainerCmd(request.name()).exec());
            return inspect(request.name()).orElseThrow();
        }
        String image = String.valueOf(request.settings().getOrDefault("routerImage", DEFAULT_IMAGE));
        ExposedPort live = ExposedPort.tcp(NginxConfig.LIVE_PORT);
        ExposedPort preview = ExposedPort.tcp(NginxConfig.PREVIEW_PORT);
        Ports bindings = new Ports();
        bindings.bind(live, request.publishPort() > 0 ? Ports.Binding.bindPort(request.publishPort())
                : Ports.Binding.empty());
        bindings.bind(preview, Ports.Binding.empty());
        String boot = "mkdir -p " + NginxConfig.DIR + " && { [ -f " + NginxConfig.FILE + " ] || printf '%s' \"$CONVERGE_BOOT\" > "
                + NginxConfig.FILE + "; } && exec nginx -c " + NginxConfig.FILE + " -g 'daemon off;'";
        CreateContainerResponse created = docker.call("create router " + request.name(), () -> docker.client()
                .createContainerCmd(image).withName(request.name())
                .withLabels(Labels.withOwner(Map.of(), request.owner()))
                .withEnv("CONVERGE_BOOT=" + NginxConfig.bootstrap())
                .withEntrypoint("sh", "-c").withCmd(boot)
                .withExposedPorts(live, preview)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings).withNetworkMode(network)
                        .withBinds(new Bind(request.name() + "-config", new Volume(NginxConfig.DIR))))
                .exec());
        docker.run("start router " + request.name(), () -> docker.client().startContainerCmd(created.getId()).exec());
        return inspect(created.getId()).orElseThrow(() -> ProviderException.retryable("router " + request.name()
                + " vanished right after it was started; check the Docker daemon's log"));
    }

    Optional<InspectContainerResponse> inspect(String nameOrId) {
        try {
            return Optional.of(docker.call("inspect router " + nameOrId,
                    () -> docker.client().inspectContainerCmd(nameOrId).exec()));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    /** Removes the router and its configuration volume; both already gone is fine. */
    void remove(String nameOrId) {
        Optional<InspectContainerResponse> found = inspect(nameOrId);
        if (found.isEmpty()) {
            return;
        }
        String name = found.get().getName().replaceFirst("^/", "");
        try {
            docker.run("remove router " + name, () -> docker.client().removeContainerCmd(found.get().getId())
                    .withForce(true).exec());
        } catch (NotFoundException gone) {
            // removed concurrently: the goal is reached
        }
        try {
            docker.run("remove router volume " + name + "-config",
                    () -> docker.client().removeVolumeCmd(name + "-config").exec());
        } catch (NotFoundException gone) {
            // never created or already removed
        }
    }

    /**
     * Runs {@code script} with {@code sh -c} in the router with {@code env}; returns its output, or
     * throws naming the router and the output when it exits non-zero.
     */
    String exec(String routerId, String what, String script, List<String> env) {
        String execId = docker.call(what, () -> docker.client().execCreateCmd(routerId).withCmd("sh", "-c", script)
                .withEnv(env).withAttachStdout(true).withAttachStderr(true).exec().getId());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            boolean done = docker.client().execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(60, TimeUnit.SECONDS);
            if (!done) {
                throw ProviderException.retryable("router " + routerId + " did not finish '" + what + "' within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable("interrupted while the router ran '" + what + "'", e);
        }
        Long exit = docker.call(what, () -> docker.client().inspectExecCmd(execId).exec().getExitCodeLong());
        String text = output.toString(StandardCharsets.UTF_8);
        if (exit == null || exit != 0) {
            throw ProviderException.fatal("router " + routerId + " could not " + what + " (exit " + exit + "): "
                    + text.strip());
        }
        return text;
    }
}
