package dev.converge.providers.docker;

import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lookups (data sources) of the Docker provider: an existing network by name, an existing image by
 * reference. Pure; the calls are in {@link NetworkHandler#lookup} and {@link ImageHandler#lookup}. Filter
 * properties carry the names of the properties a match returns.
 */
public final class DockerLookups {

    public static final ResourceSchema NETWORK_SCHEMA = ResourceSchema.builder(DockerSchemas.NETWORK)
            .property(PropertySchema.string("name").asRequired().describedAs("the network's exact name"))
            .property(PropertySchema.string("driver"))
            .property(PropertySchema.map("labels").describedAs("labels the network must carry (others may be there)"))
            .output("internal")
            .output("subnet")
            .output("gateway")
            .build();

    public static final ResourceSchema IMAGE_SCHEMA = ResourceSchema.builder(DockerSchemas.IMAGE)
            .property(PropertySchema.string("image").asRequired()
                    .describedAs("the reference in the daemon, such as converge/busybox:1, or an image id"))
            .property(PropertySchema.map("labels").describedAs("labels the image must carry (others may be there)"))
            .output("imageId")
            .output("repoTags")
            .build();

    private DockerLookups() {
    }

    /** Every Docker lookup type. */
    public static List<ResourceSchema> all() {
        return List.of(NETWORK_SCHEMA, IMAGE_SCHEMA);
    }

    /** Whether the object's {@code labels} include every label the filter asks for. */
    static boolean hasLabels(Map<String, Object> filter, Map<String, String> labels) {
        Map<String, Object> wanted = Values.mapOf(filter, "labels");
        return wanted.entrySet().stream().allMatch(e -> labels != null
                && Objects.equals(String.valueOf(e.getValue()), labels.get(e.getKey())));
    }
}
