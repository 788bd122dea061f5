package dev.converge.providers.local;

import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * A directory on the local host ({@code local:Directory}), created with its missing parents.
 *
 * <p>Delete removes the directory only when it is empty and fails otherwise, naming what is left,
 * so that files the program does not manage are never lost; with {@link #recursiveDelete(boolean)}
 * it removes everything inside. A directory that already exists is adopted as is. Changing
 * {@code path} replaces it; {@code mode} is updated in place. Immutable.
 */
public final class LocalDirectory extends ResourceArgs<LocalDirectory, LocalDirectory.Outputs> {

    /**
     * What a created directory exposes.
     *
     * @param id the absolute path
     * @param path the absolute path
     */
    public record Outputs(String id, String path) {
    }

    private LocalDirectory(Declaration declaration) {
        super(declaration);
    }

    /**
     * A new builder for the resource {@code name}. (Named {@code of}, not {@code named}: a static
     * {@code named(String)} clashes with {@code ResourceArgs#named(String)}, the instance renamer.)
     */
    public static LocalDirectory of(String name) {
        return new LocalDirectory(Declaration.of(LocalSchemas.DIRECTORY, name));
    }

    public LocalDirectory path(String path) {
        return with("path", path);
    }

    public LocalDirectory path(Output<String> path) {
        return with("path", path);
    }

    /** POSIX permissions such as {@code 0700}; default {@code 0755}. */
    public LocalDirectory mode(String mode) {
        return with("mode", mode);
    }

    /** Whether delete removes everything inside too; default false (delete only when empty). */
    public LocalDirectory recursiveDelete(boolean recursive) {
        return with("recursiveDelete", recursive);
    }

    @Override
    protected LocalDirectory wrap(Declaration next) {
        return new LocalDirectory(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Views.string(values, "id"), Views.string(values, "path"));
    }
}
