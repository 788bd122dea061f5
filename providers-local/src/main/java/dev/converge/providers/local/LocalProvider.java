package dev.converge.providers.local;

import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandler;
import dev.converge.spi.ResourceHandlers;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code local} provider: files, directories and long-running processes on this host, so that a
 * quick start needs no cloud. Types: {@code local:File} ({@link LocalFile}), {@code local:Directory}
 * ({@link LocalDirectory}), {@code local:Process} ({@link LocalProcess}).
 *
 * <p>Settings: {@code local.logDirectory}, the default directory of process logs (default
 * {@code .converge/logs}); relative paths resolve against the working directory given to
 * {@link #configure}. Import ids: the path of a file or directory, the pid of a process.
 * {@code findOwned} searches processes only (by their {@code CONVERGE_STACK} environment variable);
 * files and directories carry no ownership marker, so a request naming them reports
 * {@code supported=false}. Thread-safe: the only state is the workspace set by {@code configure}.
 */
public final class LocalProvider implements Provider {

    public static final String NAME = "local";

    private volatile ResourceHandlers handlers = handlers(Workspace.current());

    /** Found by {@link java.util.ServiceLoader}. */
    public LocalProvider() {
    }

    /** A provider working in {@code workDir} without {@link #configure}; for tests and embedding. */
    public static LocalProvider in(Path workDir) {
        LocalProvider provider = new LocalProvider();
        provider.handlers = handlers(Workspace.of(workDir, null));
        return provider;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return LocalSchemas.ALL;
    }

    @Override
    public void configure(ConfigureRequest request) {
        Path workDir = request.workDir() == null ? Path.of("") : request.workDir();
        handlers = handlers(Workspace.of(workDir, request.setting(NAME + ".logDirectory").orElse(null)));
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return new ValidateResponse(LocalSchemas.validate(request.type(), request.address(), request.inputs()));
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return LocalSchemas.diff(request);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        return handlers.forType(request.type()).create(request);
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return handlers.forType(request.type()).read(request);
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return handlers.forType(request.type()).update(request);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return handlers.forType(request.type()).delete(request);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        return handlers.forType(request.type()).importResource(request);
    }

    /** Processes of the stack; {@code supported} only when every requested type can be searched. */
    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        return handlers.findOwned(request);
    }

    /** One handler per type, sharing a workspace. */
    private static ResourceHandlers handlers(Workspace workspace) {
        Map<String, ResourceHandler> byType = new LinkedHashMap<>();
        byType.put(LocalSchemas.FILE, new FileHandler(workspace));
        byType.put(LocalSchemas.DIRECTORY, new DirectoryHandler(workspace));
        byType.put(LocalSchemas.PROCESS, new ProcessHandler(workspace));
        return ResourceHandlers.of(NAME, byType);
    }
}
