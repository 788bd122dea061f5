package dev.converge.providers.docker;

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
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandlers;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The {@code docker} provider: images, networks, volumes and containers of one Docker daemon,
 * through docker-java. The daemon is the {@code docker.host} setting, else {@code DOCKER_HOST},
 * else {@code unix:///var/run/docker.sock}; {@link #configure} checks that it answers and fails with
 * a message naming it when it does not.
 *
 * <p>Thread-safe after {@link #configure}. Schemas and diffs are pure ({@link DockerSchemas},
 * {@link DockerDiff}); every other operation calls the daemon.
 */
public final class DockerProvider implements Provider {

    /** Setting that names the daemon, such as {@code unix:///tmp/converge-docker/docker.sock}. */
    public static final String HOST_SETTING = "docker.host";

    private volatile Session session;

    /** The connection and the handler of each type, for one configured run. */
    private record Session(DockerConnection docker, ResourceHandlers handlers) {
    }

    /** For {@link java.util.ServiceLoader}; call {@link #configure} before any operation. */
    public DockerProvider() {
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return DockerSchemas.all();
    }

    /** Connects to the daemon and pings it; a daemon that does not answer fails here, naming it. */
    @Override
    public void configure(ConfigureRequest request) {
        String host = DockerConnection.resolveHost(request.setting(HOST_SETTING), System.getenv("DOCKER_HOST"));
        Path workDir = request.workDir() == null ? Path.of("").toAbsolutePath() : request.workDir();
        DockerConnection docker = DockerConnection.open(host);
        try {
            docker.ping();
        } catch (ProviderException e) {
            docker.close();
            throw e;
        }
        Session previous = session;
        session = new Session(docker, DockerExtensions.handlers(name(), docker, workDir));
        if (previous != null) {
            previous.docker().close();
        }
    }

    /** Lookups of an existing network by name and of an image already in the daemon; see {@link DockerLookups}. */
    @Override
    public Collection<ResourceSchema> lookupSchemas() {
        return DockerExtensions.lookupSchemas();
    }

    @Override
    public LookupResponse lookup(LookupRequest request) {
        return handlers().lookup(request);
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return new ValidateResponse(DockerValidation.validate(request.address(), request.type(), request.inputs()));
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return DockerDiff.diff(request);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        return handlers().forType(request.type()).create(request);
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return handlers().forType(request.type()).read(request);
    }

    /** Networks and volumes are read with one list call each; other types one by one. */
    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        if (request.resources().isEmpty()) {
            return new ReadManyResponse(Map.of());
        }
        return handlers().forType(request.type()).readMany(request);
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return handlers().forType(request.type()).update(request);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return handlers().forType(request.type()).delete(request);
    }

    /** Adopts an existing object by name or id; Docker cannot add labels to it afterwards. */
    @Override
    public ImportResponse importResource(ImportRequest request) {
        return handlers().forType(request.type()).importResource(request);
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        return handlers().findOwned(request);
    }

    /**
     * Offers a {@link dev.converge.spi.deploy.TrafficRouter} (nginx routers for deployment strategies) and a
     * {@link dev.converge.spi.deploy.Restarter} (restart a container in place).
     */
    @Override
    public <T> java.util.Optional<T> extension(Class<T> type) {
        java.util.Optional<T> offered = DockerExtensions.find(type, () -> session().docker());
        if (offered.isPresent()) {
            return offered;
        }
        return Provider.super.extension(type);
    }

    @Override
    public void close() {
        Session s = session;
        session = null;
        if (s != null) {
            s.docker().close();
        }
    }

    private Session session() {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("the docker provider was used before configure(...) was called");
        }
        return s;
    }

    /** The handlers of the configured session; the session is checked before the request is looked at. */
    private ResourceHandlers handlers() {
        return session().handlers();
    }
}
