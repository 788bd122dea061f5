package dev.converge.providers.docker;

import dev.converge.api.Declaration;
import dev.converge.api.LookupArgs;
import dev.converge.spi.Values;
import java.util.Map;

/**
 * A lookup of an image already in the Docker daemon that Converge does not manage ({@code docker:Image}), by
 * reference or id; nothing is pulled or built. Its outputs are those of a {@link DockerImage}, so a container
 * runs it by id as it runs a built one:
 * {@code DockerContainer.of("app").image(stack.lookup(DockerImage.lookup("base").image("converge/busybox:1")))}.
 */
public final class DockerImageLookup extends LookupArgs<DockerImageLookup, DockerImage.Outputs> {

    private DockerImageLookup(Declaration declaration) {
        super(declaration);
    }

    /** A lookup named {@code name} in the program; set the image with {@link #image}. */
    static DockerImageLookup create(String name) {
        return new DockerImageLookup(Declaration.of(DockerSchemas.IMAGE, name));
    }

    /** The reference (such as {@code converge/busybox:1}) or id of the image. */
    public DockerImageLookup image(Object reference) {
        return with("image", reference);
    }

    /** The image must carry this label (it may carry others). */
    public DockerImageLookup label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected DockerImageLookup wrap(Declaration next) {
        return new DockerImageLookup(next);
    }

    @Override
    public DockerImage.Outputs outputs(Map<String, Object> values) {
        return new DockerImage.Outputs(Values.string(values, "id"), Values.string(values, "image"),
                Values.string(values, "imageId"));
    }
}
