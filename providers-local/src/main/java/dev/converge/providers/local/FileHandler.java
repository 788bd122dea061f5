package dev.converge.providers.local;

import dev.converge.api.Address;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Creates, reads, updates and deletes {@code local:File}s. Stateless apart from the workspace. */
final class FileHandler implements ResourceHandler {

    private final Workspace workspace;

    FileHandler(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = LocalSchemas.FILE_SCHEMA.withDefaults(Values.revealMap(request.inputs()));
        Path path = workspace.requirePath(request.address(), inputs);
        byte[] bytes = write(request.address(), path, inputs);
        return new CreateResponse(path.toString(), outputs(path, inputs, bytes));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Path path = workspace.resolve(request.id());
        PosixFiles.removeStaleTemps(path);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return ReadResponse.gone();
        }
        Map<String, Object> prior = Values.revealMap(request.priorInputs());
        byte[] bytes = readBytes(request.address(), path);
        Set<PosixFilePermission> permissions = PosixFiles.permissions(request.address(), path);
        Map<String, Object> observed = new LinkedHashMap<>(prior);
        observed.put("path", prior.getOrDefault("path", path.toString()));
        if (!matchesRendered(prior, bytes)) {
            // Drift: report the real text, so the diff shows it against the desired content.
            observed.put("content", new String(bytes, StandardCharsets.UTF_8));
        }
        observed.put("mode", FileModes.observed(permissions, Values.string(prior, "mode")));
        Map<String, Object> normalized = Values.normalizeMap(observed);
        return ReadResponse.found(normalized, outputs(path, normalized, bytes));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> inputs = LocalSchemas.FILE_SCHEMA.withDefaults(Values.revealMap(request.desiredInputs()));
        Path path = workspace.resolve(request.id());
        byte[] bytes = write(request.address(), path, inputs);
        return new UpdateResponse(outputs(path, inputs, bytes));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        Path path = workspace.resolve(request.id());
        PosixFiles.removeStaleTemps(path);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw ProviderException.fatal(request.address() + ": " + path + " is a directory, not the file "
                    + "Converge created; remove it by hand or forget the resource with 'state rm'");
        }
        try {
            return new DeleteResponse(!Files.deleteIfExists(path));
        } catch (IOException e) {
            throw ProviderException.fatal(request.address() + ": cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        Path path = workspace.resolve(request.id());
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return ImportResponse.notFound();
        }
        byte[] bytes = readBytes(request.address(), path);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("path", path.toString());
        inputs.put("content", new String(bytes, StandardCharsets.UTF_8));
        inputs.put("mode", FileModes.format(PosixFiles.permissions(request.address(), path)));
        return new ImportResponse(true, path.toString(), inputs, outputs(path, inputs, bytes));
    }

    private static boolean matchesRendered(Map<String, Object> prior, byte[] actual) {
        try {
            return Arrays.equals(LocalSchemas.renderContent(prior).getBytes(StandardCharsets.UTF_8), actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] write(Address address, Path path, Map<String, Object> inputs) {
        String text;
        try {
            text = LocalSchemas.renderContent(inputs);
        } catch (IllegalArgumentException e) {
            throw ProviderException.fatal(address + ": " + e.getMessage(), e);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String mode = Values.string(inputs, "mode");
        PosixFiles.writeAtomically(address, path, bytes, mode);
        return bytes;
    }

    private static byte[] readBytes(Address address, Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw ProviderException.retryable(address + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Inputs as applied plus the absolute path, digest and size. */
    private static Map<String, Object> outputs(Path path, Map<String, Object> inputs, byte[] bytes) {
        Map<String, Object> outputs = new LinkedHashMap<>(inputs);
        outputs.put("path", path.toString());
        outputs.put("sha256", PosixFiles.sha256(bytes));
        outputs.put("size", (long) bytes.length);
        return Values.normalizeMap(outputs);
    }
}
