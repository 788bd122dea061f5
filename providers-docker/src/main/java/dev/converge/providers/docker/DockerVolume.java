package dev.converge.providers.docker;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import dev.converge.spi.Values;
import java.util.Map;

/**
 * A Docker volume ({@code docker:Volume}); its data outlives the containers that mount it. Its
 * name defaults to {@code <stack>_<resource name>}. Mark it {@code holdsData()} or {@code protect()}
 * to guard the data. Immutable: every setter returns a new value.
 */
public final class DockerVolume extends ResourceArgs<DockerVolume, DockerVolume.Outputs> {

    /** The volume as applied: id (its name), name, and where the local driver keeps it. */
    public record Outputs(String id, String name, String mountpoint) {
    }

    private DockerVolume(Declaration declaration) {
        super(declaration);
    }

    public static DockerVolume of(String name) {
        return new DockerVolume(Declaration.of(DockerSchemas.VOLUME, name));
    }

    /** A fixed Docker name instead of {@code <stack>_<resource name>}. */
    public DockerVolume volumeName(String name) {
        return with("name", name);
    }

    /** The driver; default {@code local}. */
    public DockerVolume driver(String driver) {
        return with("driver", driver);
    }

    public DockerVolume driverOpt(String key, Object value) {
        return withEntry("driverOpts", key, value);
    }

    public DockerVolume label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected DockerVolume wrap(Declaration next) {
        return new DockerVolume(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Values.string(values, "id"), Values.string(values, "name"),
                Values.string(values, "mountpoint"));
    }
}
