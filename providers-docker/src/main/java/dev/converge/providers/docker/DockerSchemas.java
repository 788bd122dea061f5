package dev.converge.providers.docker;

import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import java.util.List;

/**
 * The pure schemas of the Docker resource types. No I/O; the test kit may reuse them for an
 * in-memory Docker. Every property of every type forces a replacement: Docker cannot change a
 * container, network, volume or built image in place.
 */
public final class DockerSchemas {

    public static final String IMAGE = "docker:Image";
    public static final String NETWORK = "docker:Network";
    public static final String VOLUME = "docker:Volume";
    public static final String CONTAINER = "docker:Container";

    /** Label that records the content hash of a built image's context. */
    public static final String CONTEXT_HASH_LABEL = "converge.context-hash";

    public static final ResourceSchema IMAGE_SCHEMA = ResourceSchema.builder(IMAGE)
            .property(PropertySchema.string("image").asRequired().asForceNew()
                    .describedAs("image reference, such as erlbank/accounts:1"))
            .property(PropertySchema.string("context")
                    .describedAs("build context directory; without it the image must exist or be pullable;"
                            + " moving it changes nothing while contextHash stays the same"))
            .property(PropertySchema.string("dockerfile").asForceNew()
                    .describedAs("Dockerfile path relative to the context (default Dockerfile)"))
            .property(PropertySchema.string("contextHash").asForceNew()
                    .describedAs("SHA-256 of the context's files; a change rebuilds the image"))
            .property(PropertySchema.map("buildArgs").asForceNew().describedAs("build arguments"))
            .property(PropertySchema.map("labels").asForceNew().describedAs("image labels"))
            .output("imageId")
            .output("managed")
            .build();

    public static final ResourceSchema NETWORK_SCHEMA = ResourceSchema.builder(NETWORK)
            .property(PropertySchema.string("name").asComputed().asForceNew()
                    .describedAs("network name; default <stack>_<resource name>"))
            .property(PropertySchema.string("driver").asForceNew().defaultValue("bridge"))
            .property(PropertySchema.bool("internal").asForceNew().defaultValue(false)
                    .describedAs("no route to the outside"))
            .property(PropertySchema.map("labels").asForceNew())
            .output("subnet")
            .output("gateway")
            .build();

    public static final ResourceSchema VOLUME_SCHEMA = ResourceSchema.builder(VOLUME)
            .property(PropertySchema.string("name").asComputed().asForceNew()
                    .describedAs("volume name; default <stack>_<resource name>"))
            .property(PropertySchema.string("driver").asForceNew().defaultValue("local"))
            .property(PropertySchema.map("driverOpts").asForceNew())
            .property(PropertySchema.map("labels").asForceNew())
            .output("mountpoint")
            .build();

    public static final ResourceSchema CONTAINER_SCHEMA = ResourceSchema.builder(CONTAINER)
            .property(PropertySchema.string("image").asRequired().asForceNew())
            .property(PropertySchema.string("name").asComputed().asForceNew()
                    .describedAs("fixed container name; default <stack>-<resource name>-<suffix>"))
            .property(PropertySchema.list("command").asForceNew())
            .property(PropertySchema.list("entrypoint").asForceNew())
            .property(PropertySchema.map("env").asForceNew())
            .property(PropertySchema.map("labels").asForceNew())
            .property(PropertySchema.string("hostname").asForceNew())
            .property(PropertySchema.list("ports").asForceNew()
                    .describedAs("list of {internal, external (0 or absent: any), protocol}"))
            .property(PropertySchema.list("networks").asForceNew()
                    .describedAs("list of {name, aliases}; the resource name is always an alias"))
            .property(PropertySchema.list("mounts").asForceNew()
                    .describedAs("list of {source, target, readOnly}; absolute source = bind mount"))
            .property(PropertySchema.string("restart").asForceNew().defaultValue("no")
                    .describedAs("no, always, unless-stopped, on-failure or on-failure:N"))
            .property(PropertySchema.map("healthcheck").asForceNew()
                    .describedAs("{test, intervalMillis, timeoutMillis, retries, startPeriodMillis}"))
            .property(PropertySchema.number("memory").asForceNew().describedAs("memory limit in bytes"))
            .property(PropertySchema.number("cpus").asForceNew().describedAs("CPU limit, such as 0.5"))
            .property(PropertySchema.number("pidsLimit").asForceNew())
            .property(PropertySchema.string("user").asForceNew())
            .property(PropertySchema.bool("readOnly").asForceNew().defaultValue(false))
            .property(PropertySchema.map("tmpfs").asForceNew().describedAs("mount path to options"))
            .property(PropertySchema.list("capAdd").asForceNew())
            .property(PropertySchema.list("capDrop").asForceNew())
            .property(PropertySchema.bool("init").asForceNew().defaultValue(false)
                    .describedAs("run an init process that forwards signals and reaps zombies"))
            .property(PropertySchema.number("stopTimeoutSeconds").asForceNew())
            .property(PropertySchema.bool("running").asForceNew().defaultValue(true)
                    .describedAs("observed state; a container stopped out of band is replaced"))
            .output("imageId")
            .output("ipAddress")
            .output("ipAddresses")
            .output("publishedPorts")
            .build();

    private DockerSchemas() {
    }

    /** Every Docker resource type. */
    public static List<ResourceSchema> all() {
        return List.of(IMAGE_SCHEMA, NETWORK_SCHEMA, VOLUME_SCHEMA, CONTAINER_SCHEMA);
    }
}
