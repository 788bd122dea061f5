package dev.converge.providers.docker;

import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.spi.Values;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Docker container ({@code docker:Container}). Containers are immutable: any change replaces the
 * container. By default its name is {@code <stack>-<resource name>-<random suffix>}, so the
 * replacement starts before the old container is removed; other containers on the same network
 * reach it by its resource name, which is always one of its network aliases (as compose does with
 * service names). With {@link #fixedName} or a fixed host port the old container must go first: a
 * short outage.
 *
 * <p>Apply waits until the container runs and, with a healthcheck, is healthy; a container that
 * exits or turns unhealthy fails with its last log lines. Immutable: every setter returns a new value.
 */
public final class DockerContainer extends ResourceArgs<DockerContainer, DockerContainer.Outputs> {

    /**
     * The running container.
     *
     * @param id the container id
     * @param name the container's Docker name
     * @param hostname its host name inside the container
     * @param ipAddress its address on its first network
     * @param ipAddresses its address per network name
     * @param publishedPorts host port per {@code internal/protocol}, such as {@code 80/tcp}
     * @param imageId the id of the image it runs
     */
    public record Outputs(String id, String name, String hostname, String ipAddress,
            Map<String, Object> ipAddresses, Map<String, Object> publishedPorts, String imageId) {

        /** The host port Docker published for a TCP port of the container, or -1. */
        public long publishedPort(int internal) {
            Object port = publishedPorts.get(internal + "/tcp");
            return port instanceof Number number ? number.longValue() : -1;
        }
    }

    private DockerContainer(Declaration declaration) {
        super(declaration);
    }

    public static DockerContainer of(String name) {
        return new DockerContainer(Declaration.of(DockerSchemas.CONTAINER, name));
    }

    public DockerContainer image(String reference) {
        return with("image", reference);
    }

    /** Runs a built image by id, so a rebuild replaces this container. */
    public DockerContainer image(Ref<DockerImage.Outputs> image) {
        return with("image", image.output(DockerImage.Outputs::imageId));
    }

    public DockerContainer image(Output<String> reference) {
        return with("image", reference);
    }

    public DockerContainer command(String... args) {
        return with("command", List.of(args));
    }

    public DockerContainer entrypoint(String... args) {
        return with("entrypoint", List.of(args));
    }

    /** One environment variable; the value may be plain, a secret or an {@link Output}. */
    public DockerContainer env(String key, Object value) {
        return withEntry("env", key, value);
    }

    public DockerContainer label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    public DockerContainer hostname(String hostname) {
        return with("hostname", hostname);
    }

    /** Publishes a TCP port of the container on a host port Docker chooses. */
    public DockerContainer port(int internal) {
        return port(internal, 0, "tcp");
    }

    /** Publishes a TCP port on a fixed host port (replacements then delete the old container first). */
    public DockerContainer port(int internal, int external) {
        return port(internal, external, "tcp");
    }

    public DockerContainer port(int internal, int external, String protocol) {
        return withElement("ports", new ContainerInputs.PortSpec(internal, external, protocol).toMap());
    }

    /** Joins a network; the resource name and {@code aliases} resolve to this container there. */
    public DockerContainer network(Ref<DockerNetwork.Outputs> network, String... aliases) {
        return network(network.output(DockerNetwork.Outputs::name), aliases);
    }

    public DockerContainer network(Object networkName, String... aliases) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", networkName);
        spec.put("aliases", List.copyOf(new java.util.TreeSet<>(Arrays.asList(aliases))));
        return withElement("networks", spec);
    }

    /** Mounts a volume at {@code target}. */
    public DockerContainer volume(Ref<DockerVolume.Outputs> volume, String target) {
        return mount(volume.output(DockerVolume.Outputs::name), target, false);
    }

    public DockerContainer volume(Ref<DockerVolume.Outputs> volume, String target, boolean readOnly) {
        return mount(volume.output(DockerVolume.Outputs::name), target, readOnly);
    }

    /** Bind-mounts a host directory or file at {@code target}. */
    public DockerContainer bind(Path hostPath, String target, boolean readOnly) {
        return mount(hostPath.toAbsolutePath().normalize().toString(), target, readOnly);
    }

    /** A volume name (or output) or an absolute host path, mounted at {@code target}. */
    public DockerContainer mount(Object source, String target, boolean readOnly) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("source", source);
        spec.put("target", target);
        spec.put("readOnly", readOnly);
        return withElement("mounts", spec);
    }

    /** {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure} or {@code on-failure:N}. */
    public DockerContainer restart(String policy) {
        return with("restart", policy);
    }

    /** A shell healthcheck run every second, healthy after one success, unhealthy after 30 failures. */
    public DockerContainer healthcheck(String shellCommand) {
        return healthcheck(List.of("CMD-SHELL", shellCommand), Duration.ofSeconds(1), Duration.ofSeconds(3), 30,
                Duration.ZERO);
    }

    /** A healthcheck; {@code test} as Docker takes it, such as {@code ["CMD", "wget", "-q", "url"]}. */
    public DockerContainer healthcheck(List<String> test, Duration interval, Duration timeout, int retries,
            Duration startPeriod) {
        return with("healthcheck", new ContainerInputs.HealthSpec(test, interval.toMillis(), timeout.toMillis(),
                retries, startPeriod.toMillis()).toMap());
    }

    public DockerContainer memory(long bytes) {
        return with("memory", bytes);
    }

    public DockerContainer cpus(double cpus) {
        return with("cpus", cpus);
    }

    public DockerContainer pidsLimit(long limit) {
        return with("pidsLimit", limit);
    }

    public DockerContainer user(String user) {
        return with("user", user);
    }

    public DockerContainer readOnly(boolean readOnly) {
        return with("readOnly", readOnly);
    }

    public DockerContainer tmpfs(String path, String options) {
        return withEntry("tmpfs", path, options);
    }

    public DockerContainer capAdd(String... capabilities) {
        return with("capAdd", List.of(capabilities));
    }

    public DockerContainer capDrop(String... capabilities) {
        return with("capDrop", List.of(capabilities));
    }

    /** Runs Docker's init as PID 1, so signals reach the process and stopping is quick. */
    public DockerContainer init(boolean init) {
        return with("init", init);
    }

    /** How long {@code stop} waits before killing the container; Docker's default is 10 s. */
    public DockerContainer stopTimeout(Duration timeout) {
        return with("stopTimeoutSeconds", timeout.toSeconds());
    }

    /** A fixed Docker name; replacements then delete the old container first (a short outage). */
    public DockerContainer fixedName(String name) {
        return with("name", name);
    }

    @Override
    protected DockerContainer wrap(Declaration next) {
        return new DockerContainer(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Values.string(values, "id"), Values.string(values, "name"),
                Values.string(values, "hostname"), Values.string(values, "ipAddress"),
                Values.mapOf(values, "ipAddresses"), Values.mapOf(values, "publishedPorts"),
                Values.string(values, "imageId"));
    }
}
