package dev.converge.providers.local;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandler;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates, reads, updates and deletes {@code local:Directory}s. Delete removes an empty directory,
 * or everything inside when {@code recursiveDelete} is true; otherwise it fails naming what is left.
 */
final class DirectoryHandler implements ResourceHandler {

    private final Workspace workspace;

    DirectoryHandler(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = LocalSchemas.DIRECTORY_SCHEMA.withDefaults(Values.revealMap(request.inputs()));
        Path path = workspace.requirePath(request.address(), inputs);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw ProviderException.fatal(request.address() + ": " + path + " exists and is not a directory; "
                    + "move it away or choose another path");
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw ProviderException.fatal(request.address() + ": cannot create " + path + ": " + e.getMessage(), e);
        }
        PosixFiles.setMode(request.address(), path, Values.string(inputs, "mode"));
        return new CreateResponse(path.toString(), outputs(path, inputs));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Path path = workspace.resolve(request.id());
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return ReadResponse.gone();
        }
        Map<String, Object> prior = Values.revealMap(request.priorInputs());
        Map<String, Object> observed = new LinkedHashMap<>(prior);
        observed.put("path", prior.getOrDefault("path", path.toString()));
        observed.put("mode", FileModes.observed(PosixFiles.permissions(request.address(), path),
                Values.string(prior, "mode")));
        Map<String, Object> normalized = Values.normalizeMap(observed);
        return ReadResponse.found(normalized, outputs(path, normalized));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> inputs = LocalSchemas.DIRECTORY_SCHEMA.withDefaults(
                Values.revealMap(request.desiredInputs()));
        Path path = workspace.resolve(request.id());
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw ProviderException.retryable(request.address() + ": directory " + path
                    + " disappeared; run 'refresh' and apply again to recreate it");
        }
        PosixFiles.setMode(request.address(), path, Values.string(inputs, "mode"));
        return new UpdateResponse(outputs(path, inputs));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        Path path = workspace.resolve(request.id());
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return new DeleteResponse(true);
        }
        try {
            if (Values.bool(request.inputs(), "recursiveDelete", false)) {
                deleteTree(path);
            } else {
                List<String> left = entries(path);
                if (!left.isEmpty()) {
                    throw ProviderException.fatal(request.address() + ": directory " + path + " is not empty ("
                            + String.join(", ", left) + "); remove those files, or set recursiveDelete(true) "
                            + "to delete everything inside");
                }
                Files.delete(path);
            }
            return DeleteResponse.deleted();
        } catch (IOException e) {
            throw ProviderException.fatal(request.address() + ": cannot delete " + path + ": " + e, e);
        }
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        Path path = workspace.resolve(request.id());
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return ImportResponse.notFound();
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("path", path.toString());
        inputs.put("mode", FileModes.format(PosixFiles.permissions(request.address(), path)));
        // Not observable on disk: an adopted directory keeps its contents on delete unless the program says so.
        inputs.put("recursiveDelete", false);
        return new ImportResponse(true, path.toString(), inputs, outputs(path, inputs));
    }

    /** Up to five names inside the directory, for the error message. */
    private static List<String> entries(Path path) throws IOException {
        try (Stream<Path> children = Files.list(path)) {
            return children.limit(5).map(child -> child.getFileName().toString()).collect(Collectors.toList());
        }
    }

    /** Deletes the tree bottom-up without following symbolic links out of it. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Map<String, Object> outputs(Path path, Map<String, Object> inputs) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        outputs.put("path", path.toString());
        return Values.normalizeMap(outputs);
    }
}
