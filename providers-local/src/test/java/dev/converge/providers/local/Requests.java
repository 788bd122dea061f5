package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.UpdateRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds SPI requests the way the engine would, for tests that call the provider directly. */
final class Requests {

    static final Duration TIMEOUT = Duration.ofSeconds(4);

    private Requests() {
    }

    static CreateRequest create(String stack, String name, String type, Map<String, Object> inputs) {
        Address address = Address.of("app", name);
        return new CreateRequest(address, type, LocalSchemas.schemaOf(type).withDefaults(inputs),
                new Ownership(stack, address), TIMEOUT);
    }

    static ReadRequest read(CreateRequest created, CreateResponse response) {
        return new ReadRequest(created.address(), created.type(), response.id(), created.inputs(), response.outputs());
    }

    static UpdateRequest update(CreateRequest created, CreateResponse response, Map<String, Object> desired) {
        return new UpdateRequest(created.address(), created.type(), response.id(), created.inputs(),
                response.outputs(), LocalSchemas.schemaOf(created.type()).withDefaults(desired), List.of(), TIMEOUT);
    }

    static DeleteRequest delete(CreateRequest created, CreateResponse response) {
        return delete(created, response.id(), response.outputs(), TIMEOUT);
    }

    static DeleteRequest delete(CreateRequest created, String id, Map<String, Object> outputs, Duration timeout) {
        return new DeleteRequest(created.address(), created.type(), id, created.inputs(), outputs, timeout);
    }

    static ImportRequest importing(String type, String id) {
        Address address = Address.of("app", "imported");
        return new ImportRequest(address, type, id, new Ownership("dev", address));
    }
}
