package dev.converge.providers.docker;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import dev.converge.spi.Values;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Docker image ({@code docker:Image}): built from a context directory with the legacy builder, or
 * an existing image referenced by name (pulled when absent and a registry is reachable).
 *
 * <pre>{@code
 * var image = stack.add(DockerImage.of("accounts").image("erlbank/accounts:1").context(Path.of("src/accounts")));
 * stack.add(DockerContainer.of("accounts").image(image));   // replaced whenever the image is rebuilt
 * }</pre>
 *
 * <p>{@link #context(Path)} hashes the directory's files when called; a changed hash rebuilds the
 * image. Immutable: every setter returns a new value.
 */
public final class DockerImage extends ResourceArgs<DockerImage, DockerImage.Outputs> {

    /**
     * The image as applied.
     *
     * @param id the image id (same as {@code imageId})
     * @param image the reference, such as {@code erlbank/accounts:1}
     * @param imageId the content-addressed id, {@code sha256:...}
     */
    public record Outputs(String id, String image, String imageId) {
    }

    private DockerImage(Declaration declaration) {
        super(declaration);
    }

    /** A new image resource with this resource name. */
    public static DockerImage of(String name) {
        return new DockerImage(Declaration.of(DockerSchemas.IMAGE, name));
    }

    /**
     * A lookup of an image already in the daemon that Converge does not manage, named {@code name} in the
     * program: {@code stack.lookup(DockerImage.lookup("base").image("converge/busybox:1"))}.
     */
    public static DockerImageLookup lookup(String name) {
        return DockerImageLookup.create(name);
    }

    /** The image reference (repository and tag) to build or use. */
    public DockerImage image(String reference) {
        return with("image", reference);
    }

    /** Builds from this context directory and records the hash of its files. */
    public DockerImage context(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return with("context", absolute.toString()).with("contextHash", ContextHash.of(absolute));
    }

    /** The Dockerfile relative to the context; default {@code Dockerfile}. */
    public DockerImage dockerfile(String path) {
        return with("dockerfile", path);
    }

    public DockerImage buildArg(String key, Object value) {
        return withEntry("buildArgs", key, value);
    }

    public DockerImage label(String key, Object value) {
        return withEntry("labels", key, value);
    }

    @Override
    protected DockerImage wrap(Declaration next) {
        return new DockerImage(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Values.string(values, "id"), Values.string(values, "image"),
                Values.string(values, "imageId"));
    }
}
