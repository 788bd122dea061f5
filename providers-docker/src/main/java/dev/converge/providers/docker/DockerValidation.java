package dev.converge.providers.docker;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaChecks;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pure checks of Docker inputs beyond the schema: restart policies, ports, mounts, capabilities. */
final class DockerValidation {

    private DockerValidation() {
    }

    static List<Diagnostic> validate(Address address, String type, Map<String, Object> inputs) {
        ResourceSchema schema;
        try {
            schema = DockerDiff.schemaOf(type);
        } catch (IllegalArgumentException e) {
            return List.of(Diagnostic.error(address.toString(), "unknown resource type " + type, e.getMessage()));
        }
        List<Diagnostic> problems = new ArrayList<>(SchemaChecks.validate(schema, address, inputs));
        if (!problems.isEmpty()) {
            return problems;
        }
        String where = address.toString();
        if (DockerSchemas.IMAGE.equals(type) && inputs.containsKey("context") && !inputs.containsKey("contextHash")) {
            problems.add(Diagnostic.warning(where, "image has a context but no contextHash",
                    "use DockerImage.context(Path), which hashes the files, or changes will not rebuild the image"));
        }
        if (DockerSchemas.CONTAINER.equals(type)) {
            checkContainer(where, inputs, problems);
        }
        return problems;
    }

    private static void checkContainer(String where, Map<String, Object> inputs, List<Diagnostic> problems) {
        Object restart = inputs.get("restart");
        if (restart instanceof String policy) {
            try {
                ContainerSpec.restartPolicy(policy);
            } catch (IllegalArgumentException e) {
                problems.add(Diagnostic.error(where, "invalid restart policy", e.getMessage()));
            }
        }
        if (Values.containsUnknown(inputs)) {
            return; // the structured checks below need known values
        }
        Map<String, Object> plain = Values.revealMap(inputs);
        for (ContainerInputs.PortSpec port : ContainerInputs.ports(plain)) {
            if (port.internal() < 1 || port.internal() > 65535 || port.external() < 0 || port.external() > 65535) {
                problems.add(Diagnostic.error(where, "invalid port " + port.internal() + ":" + port.external(),
                        "ports are 1 to 65535; external 0 lets Docker choose"));
            }
            if (!port.protocol().equals("tcp") && !port.protocol().equals("udp") && !port.protocol().equals("sctp")) {
                problems.add(Diagnostic.error(where, "invalid port protocol " + port.protocol(),
                        "use tcp, udp or sctp"));
            }
        }
        for (ContainerInputs.MountSpec mount : ContainerInputs.mounts(plain)) {
            if (mount.source() == null || mount.source().isBlank() || mount.target() == null
                    || !mount.target().startsWith("/")) {
                problems.add(Diagnostic.error(where, "invalid mount " + mount.source() + " -> " + mount.target(),
                        "a mount needs a volume name or absolute host path and an absolute target path"));
            }
        }
        for (ContainerInputs.NetworkSpec network : ContainerInputs.networks(plain)) {
            if (network.name() == null || network.name().isBlank()) {
                problems.add(Diagnostic.error(where, "network without a name", "give the network's name or Ref"));
            }
        }
        for (String key : List.of("capAdd", "capDrop")) {
            for (String capability : ContainerInputs.strings(plain, key)) {
                try {
                    com.github.dockerjava.api.model.Capability.valueOf(ContainerSpec.capabilityName(capability));
                } catch (IllegalArgumentException e) {
                    problems.add(Diagnostic.error(where, "unknown capability " + capability + " in " + key,
                            "use Linux capability names such as NET_ADMIN or CHOWN"));
                }
            }
        }
        Object name = plain.get("name");
        if (name instanceof String fixed && !fixed.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            problems.add(Diagnostic.error(where, "invalid container name " + fixed,
                    "Docker names match [a-zA-Z0-9][a-zA-Z0-9_.-]*"));
        }
    }
}
