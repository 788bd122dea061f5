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
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The connection and the per-type operations of one configured run. */
    private record Session(DockerConnection docker, ImageOps images, NetworkOps networks, VolumeOps volumes,
            ContainerOps containers) {
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
        session = new Session(docker, new ImageOps(docker, workDir), new NetworkOps(docker), new VolumeOps(docker),
                new ContainerOps(docker));
        if (previous != null) {
            previous.docker().close();
        }
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
        Session s = session();
        return switch (request.type()) {
            case DockerSchemas.IMAGE -> s.images().create(request);
            case DockerSchemas.NETWORK -> s.networks().create(request);
            case DockerSchemas.VOLUME -> s.volumes().create(request);
            case DockerSchemas.CONTAINER -> s.containers().create(request);
            default -> throw unknownType(request.type());
        };
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Session s = session();
        return switch (request.type()) {
            case DockerSchemas.IMAGE -> s.images().read(request);
            case DockerSchemas.NETWORK -> s.networks().read(request.id());
            case DockerSchemas.VOLUME -> s.volumes().read(request.id());
            case DockerSchemas.CONTAINER -> s.containers().read(request);
            default -> throw unknownType(request.type());
        };
    }

    /** Networks and volumes are read with one list call each; other types one by one. */
    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        if (request.resources().isEmpty()) {
            return new ReadManyResponse(Map.of());
        }
        Session s = session();
        return switch (request.type()) {
            case DockerSchemas.NETWORK -> new ReadManyResponse(s.networks().readMany(request.resources()));
            case DockerSchemas.VOLUME -> new ReadManyResponse(s.volumes().readMany(request.resources()));
            default -> Provider.super.readMany(request);
        };
    }

    /**
     * Only changes that need no Docker call arrive here: every Docker property forces a
     * replacement, except an image's {@code context} path, which is recorded as it is.
     */
    @Override
    public UpdateResponse update(UpdateRequest request) {
        Map<String, Object> outputs = new LinkedHashMap<>(Values.normalizeMap(request.priorOutputs()));
        outputs.putAll(Values.normalizeMap(request.desiredInputs()));
        return new UpdateResponse(outputs);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        Session s = session();
        return switch (request.type()) {
            case DockerSchemas.IMAGE -> s.images().delete(request);
            case DockerSchemas.NETWORK -> s.networks().delete(request);
            case DockerSchemas.VOLUME -> s.volumes().delete(request);
            case DockerSchemas.CONTAINER -> s.containers().delete(request);
            default -> throw unknownType(request.type());
        };
    }

    /** Adopts an existing object by name or id; Docker cannot add labels to it afterwards. */
    @Override
    public ImportResponse importResource(ImportRequest request) {
        Session s = session();
        return switch (request.type()) {
            case DockerSchemas.IMAGE -> s.images().importResource(request.id());
            case DockerSchemas.NETWORK -> s.networks().importResource(request.id());
            case DockerSchemas.VOLUME -> s.volumes().importResource(request.id());
            case DockerSchemas.CONTAINER -> s.containers().importResource(request);
            default -> throw unknownType(request.type());
        };
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        Session s = session();
        Set<String> types = request.types().isEmpty()
                ? Set.of(DockerSchemas.IMAGE, DockerSchemas.NETWORK, DockerSchemas.VOLUME, DockerSchemas.CONTAINER)
                : request.types();
        List<OwnedObject> owned = new ArrayList<>();
        if (types.contains(DockerSchemas.CONTAINER)) {
            owned.addAll(s.containers().findOwned(request.stack()));
        }
        if (types.contains(DockerSchemas.NETWORK)) {
            owned.addAll(s.networks().findOwned(request.stack()));
        }
        if (types.contains(DockerSchemas.VOLUME)) {
            owned.addAll(s.volumes().findOwned(request.stack()));
        }
        if (types.contains(DockerSchemas.IMAGE)) {
            owned.addAll(s.images().findOwned(request.stack()));
        }
        return new FindOwnedResponse(owned, true);
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

    private static ProviderException unknownType(String type) {
        return new ProviderException("the docker provider has no resource type " + type + "; it has "
                + String.join(", ", Provider.typeNames(DockerSchemas.all())), false);
    }
}
