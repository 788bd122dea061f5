package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.converge.api.Address;
import dev.converge.api.ResourceArgs;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.Values;
import dev.converge.testing.RequiredServer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the integration tests against the real dockerd that scripts/docker/start-dockerd.sh
 * starts, named by DOCKER_HOST: without it the tests skip, or fail under CONVERGE_REQUIRE_SERVERS=1
 * ({@link RequiredServer}); a daemon that does not answer fails them. Each test runs in its own stack,
 * and everything labelled with that stack is removed after it.
 */
abstract class DockerItSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String BUSYBOX = "converge/busybox:1";

    DockerProvider provider;
    String stack;
    DockerConnection docker;

    @BeforeEach
    void connect() {
        String host = RequiredServer.DOCKER.value();
        provider = new DockerProvider();
        provider.configure(new ConfigureRequest("it", Map.of(), java.nio.file.Path.of("").toAbsolutePath()));
        docker = DockerConnection.open(host);
        stack = "it" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() {
        if (docker == null) {
            return; // skipped or failed before connecting
        }
        List<OwnedObject> owned = provider.findOwned(new FindOwnedRequest(stack, Set.of())).objects();
        // Containers first, then what they use.
        List<String> order = List.of(DockerSchemas.CONTAINER, DockerSchemas.IMAGE, DockerSchemas.NETWORK,
                DockerSchemas.VOLUME);
        owned.stream().sorted(Comparator.comparingInt(o -> order.indexOf(o.type()))).forEach(o ->
                provider.delete(new DeleteRequest(o.address(), o.type(), o.id(), o.inputs(), o.outputs(), TIMEOUT)));
        assertThat(provider.findOwned(new FindOwnedRequest(stack, Set.of())).objects()).isEmpty();
        docker.close();
        provider.close();
    }

    DockerClient client() {
        return docker.client();
    }

    Ownership owner(String name) {
        return new Ownership(stack, Address.of(name));
    }

    /** The inputs the engine would pass: declared plain values with schema defaults. */
    static Map<String, Object> inputs(ResourceArgs<?, ?> args) {
        String type = args.declaration().type();
        return DockerDiff.schemaOf(type).withDefaults(Values.normalizeMap(args.declaration().properties()));
    }

    CreateResponse create(ResourceArgs<?, ?> args) {
        return create(args, inputs(args));
    }

    CreateResponse create(ResourceArgs<?, ?> args, Map<String, Object> inputs) {
        return provider.create(new CreateRequest(Address.of(args.name()), args.declaration().type(), inputs,
                owner(args.name()), TIMEOUT));
    }

    ReadResponse read(ResourceArgs<?, ?> args, CreateResponse created) {
        return provider.read(new ReadRequest(Address.of(args.name()), args.declaration().type(), created.id(),
                inputs(args), created.outputs()));
    }

    DiffResponse diff(ResourceArgs<?, ?> args, Map<String, Object> prior, ResourceArgs<?, ?> desired) {
        return provider.diff(new DiffRequest(Address.of(args.name()), args.declaration().type(), "id", prior,
                Map.of(), inputs(desired)));
    }

    DeleteResponse delete(ResourceArgs<?, ?> args, CreateResponse created) {
        return provider.delete(new DeleteRequest(Address.of(args.name()), args.declaration().type(), created.id(),
                inputs(args), created.outputs(), TIMEOUT));
    }
}
