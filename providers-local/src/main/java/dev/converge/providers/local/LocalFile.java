package dev.converge.providers.local;

import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * A file on the local host ({@code local:File}), written atomically (temporary file, then rename).
 *
 * <pre>{@code
 * stack.add(LocalFile.of("config").path("run/app.properties")
 *     .content("greeting=${greeting}\n").var("greeting", "Hello"));
 * }</pre>
 *
 * <p>Changing {@code path} replaces the file; {@code content}, {@code vars} and {@code mode} are
 * updated in place. Without any {@code var}, the content is written literally. Parent directories
 * are created when missing and left in place on delete. An existing file at the path is overwritten.
 * Immutable: every setter returns a new value.
 */
public final class LocalFile extends ResourceArgs<LocalFile, LocalFile.Outputs> {

    /**
     * What a created file exposes.
     *
     * @param id the absolute path
     * @param path the absolute path
     * @param sha256 hex SHA-256 of the written bytes
     * @param size the number of bytes written
     */
    public record Outputs(String id, String path, String sha256, long size) {
    }

    private LocalFile(Declaration declaration) {
        super(declaration);
    }

    /**
     * A new builder for the resource {@code name}. (Named {@code of}, not {@code named}: a static
     * {@code named(String)} clashes with {@code ResourceArgs#named(String)}, the instance renamer.)
     */
    public static LocalFile of(String name) {
        return new LocalFile(Declaration.of(LocalSchemas.FILE, name));
    }

    public LocalFile path(String path) {
        return with("path", path);
    }

    /** A path known only after apply, such as one under a {@link LocalDirectory}'s output path. */
    public LocalFile path(Output<String> path) {
        return with("path", path);
    }

    public LocalFile content(String content) {
        return with("content", content);
    }

    public LocalFile content(Output<String> content) {
        return with("content", content);
    }

    /** Sets one {@code ${name}} variable of the content; setting any variable makes content a template. */
    public LocalFile var(String name, Object value) {
        return withEntry("vars", name, value);
    }

    /** POSIX permissions such as {@code 0600}; default {@code 0644}. */
    public LocalFile mode(String mode) {
        return with("mode", mode);
    }

    @Override
    protected LocalFile wrap(Declaration next) {
        return new LocalFile(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Views.string(values, "id"), Views.string(values, "path"), Views.string(values, "sha256"),
                Views.number(values, "size"));
    }
}
