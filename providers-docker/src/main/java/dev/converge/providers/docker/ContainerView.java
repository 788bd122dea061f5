package dev.converge.providers.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.converge.spi.Ownership;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a container's inspect data back into the {@code docker:Container} property form, so that
 * drift shows as a difference from the declared inputs. Settings the container inherits from its
 * image (command, env, labels, user, healthcheck) are reported only when declared or different
 * from the image's, so an undeclared image default is not drift.
 *
 * @param container the container's inspect data
 * @param image the configuration of the container's image, or null if the image is gone
 * @param resourceName the alias every container gets on its networks, left out of observed aliases
 * @param declared the inputs last declared (empty on import): they decide what to report
 */
record ContainerView(InspectContainerResponse container, ContainerConfig image, String resourceName,
        Map<String, Object> declared) {

    /** The current values of the container's properties, in canonical form. */
    Map<String, Object> observedInputs() {
        ContainerConfig config = container.getConfig();
        HostConfig host = container.getHostConfig();
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("image", config.getImage());
        in.put("name", stripSlash(container.getName()));
        putInherited(in, "command", list(config.getCmd()), image == null ? null : list(image.getCmd()));
        putInherited(in, "entrypoint", list(config.getEntrypoint()),
                image == null ? null : list(image.getEntrypoint()));
        putMapIfAny(in, "env", inheritedEntries(envMap(config.getEnv()),
                image == null ? Map.of() : envMap(image.getEnv()), Values.mapOf(declared, "env")));
        putMapIfAny(in, "labels", inheritedEntries(userLabels(config.getLabels()),
                image == null ? Map.of() : nullSafe(image.getLabels()), Values.mapOf(declared, "labels")));
        String shortId = container.getId().substring(0, 12);
        if (declared.containsKey("hostname") || !shortId.equals(config.getHostName())) {
            in.put("hostname", config.getHostName());
        }
        putListIfAny(in, "ports", ports(host.getPortBindings()));
        putListIfAny(in, "networks", networks());
        putListIfAny(in, "mounts", mounts(host.getBinds()));
        in.put("restart", restart(host.getRestartPolicy()));
        putInherited(in, "healthcheck", health(config.getHealthcheck()),
                image == null ? null : health(image.getHealthcheck()));
        putPositive(in, "memory", host.getMemory());
        if (host.getNanoCPUs() != null && host.getNanoCPUs() > 0) {
            in.put("cpus", host.getNanoCPUs() / 1_000_000_000d);
        }
        putPositive(in, "pidsLimit", host.getPidsLimit());
        putInherited(in, "user", emptyToNull(config.getUser()), image == null ? null : emptyToNull(image.getUser()));
        in.put("readOnly", Boolean.TRUE.equals(host.getReadonlyRootfs()));
        putMapIfAny(in, "tmpfs", new LinkedHashMap<>(nullSafe(host.getTmpFs())));
        putListIfAny(in, "capAdd", capabilities(host.getCapAdd()));
        putListIfAny(in, "capDrop", capabilities(host.getCapDrop()));
        in.put("init", Boolean.TRUE.equals(host.getInit()));
        putStopTimeout(in, config.getLabels());
        in.put("running", Boolean.TRUE.equals(container.getState().getRunning()));
        return ContainerInputs.canonical(Values.normalizeMap(in));
    }

    /** Every property plus what Docker computed: addresses, published ports, image id. */
    Map<String, Object> outputs() {
        Map<String, Object> out = new LinkedHashMap<>(observedInputs());
        out.put("hostname", container.getConfig().getHostName());
        out.put("imageId", container.getImageId());
        Map<String, Object> addresses = new LinkedHashMap<>();
        Map<String, ContainerNetwork> networks = nullSafe(container.getNetworkSettings().getNetworks());
        networks.forEach((name, network) -> addresses.put(name, nullToEmpty(network.getIpAddress())));
        out.put("ipAddresses", addresses);
        out.put("ipAddress", firstAddress(addresses));
        out.put("publishedPorts", publishedPorts(container.getNetworkSettings().getPorts()));
        return Values.normalizeMap(out);
    }

    private String firstAddress(Map<String, Object> addresses) {
        for (ContainerInputs.NetworkSpec declaredNetwork : ContainerInputs.networks(declared)) {
            Object address = addresses.get(declaredNetwork.name());
            if (address != null) {
                return address.toString();
            }
        }
        return addresses.values().stream().map(Object::toString).findFirst().orElse("");
    }

    private List<Object> networks() {
        List<Object> result = new ArrayList<>();
        Map<String, ContainerNetwork> networks = nullSafe(container.getNetworkSettings().getNetworks());
        boolean onlyDefault = networks.size() == 1 && networks.containsKey("bridge");
        if (onlyDefault && ContainerInputs.networks(declared).isEmpty()) {
            return result; // the default bridge network is where undeclared containers go
        }
        String shortId = container.getId().substring(0, 12);
        networks.forEach((name, network) -> {
            List<String> aliases = new ArrayList<>();
            for (String alias : network.getAliases() == null ? List.<String>of() : network.getAliases()) {
                if (!alias.equals(shortId) && !alias.equals(resourceName)) {
                    aliases.add(alias);
                }
            }
            result.add(new ContainerInputs.NetworkSpec(name, aliases).toMap());
        });
        return result;
    }

    private static List<Object> ports(Ports bindings) {
        List<Object> result = new ArrayList<>();
        if (bindings == null) {
            return result;
        }
        bindings.getBindings().forEach((exposed, binds) -> {
            long external = 0;
            if (binds != null && binds.length > 0 && binds[0].getHostPortSpec() != null
                    && !binds[0].getHostPortSpec().isBlank()) {
                external = Long.parseLong(binds[0].getHostPortSpec());
            }
            String protocol = exposed.getProtocol().toString();
            result.add(new ContainerInputs.PortSpec(exposed.getPort(), external, protocol).toMap());
        });
        return result;
    }

    private static Map<String, Object> publishedPorts(Ports ports) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (ports == null) {
            return result;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> entry : ports.getBindings().entrySet()) {
            Ports.Binding[] binds = entry.getValue();
            if (binds != null && binds.length > 0 && binds[0].getHostPortSpec() != null) {
                result.put(entry.getKey().getPort() + "/" + entry.getKey().getProtocol(),
                        Long.parseLong(binds[0].getHostPortSpec()));
            }
        }
        return result;
    }

    private static List<Object> mounts(Bind[] binds) {
        List<Object> result = new ArrayList<>();
        for (Bind bind : binds == null ? new Bind[0] : binds) {
            boolean readOnly = bind.getAccessMode() != null && "ro".equals(bind.getAccessMode().toString());
            result.add(new ContainerInputs.MountSpec(bind.getPath(), bind.getVolume().getPath(), readOnly).toMap());
        }
        return result;
    }

    static String restart(RestartPolicy policy) {
        if (policy == null || policy.getName() == null || policy.getName().isBlank()) {
            return "no";
        }
        Integer count = policy.getMaximumRetryCount();
        return policy.getName().equals("on-failure") && count != null && count > 0
                ? "on-failure:" + count : policy.getName();
    }

    private static Map<String, Object> health(HealthCheck check) {
        if (check == null || check.getTest() == null || check.getTest().isEmpty()) {
            return null;
        }
        return new ContainerInputs.HealthSpec(check.getTest(), millis(check.getInterval()), millis(check.getTimeout()),
                check.getRetries() == null ? 0 : check.getRetries(), millis(check.getStartPeriod())).toMap();
    }

    private static long millis(Long nanos) {
        return nanos == null ? 0 : nanos / 1_000_000L;
    }

    private static List<Object> capabilities(Capability[] capabilities) {
        List<Object> result = new ArrayList<>();
        for (Capability capability : capabilities == null ? new Capability[0] : capabilities) {
            result.add(ContainerSpec.capabilityName(capability.name()));
        }
        return result;
    }

    /** Reports a value the image may supply: when declared, or when it differs from the image's. */
    private void putInherited(Map<String, Object> in, String key, Object value, Object imageValue) {
        if (value != null && (declared.containsKey(key) || !Objects.equals(value, imageValue))) {
            in.put(key, value);
        }
    }

    /** The entries that are declared or differ from the image's. */
    private static Map<String, Object> inheritedEntries(Map<String, String> actual, Map<String, String> fromImage,
            Map<String, Object> declaredEntries) {
        Map<String, Object> result = new LinkedHashMap<>();
        actual.forEach((key, value) -> {
            if (declaredEntries.containsKey(key) || !value.equals(fromImage.get(key))) {
                result.put(key, value);
            }
        });
        return result;
    }

    private static Map<String, String> userLabels(Map<String, String> labels) {
        Map<String, String> result = new LinkedHashMap<>(nullSafe(labels));
        result.remove(Ownership.STACK_LABEL);
        result.remove(Ownership.ADDRESS_LABEL);
        result.remove(ContainerSpec.STOP_TIMEOUT_LABEL);
        return result;
    }

    /** The declared stop timeout, else the one recorded at create (docker-java does not expose Docker's). */
    private void putStopTimeout(Map<String, Object> in, Map<String, String> labels) {
        String recorded = nullSafe(labels).get(ContainerSpec.STOP_TIMEOUT_LABEL);
        if (declared.containsKey("stopTimeoutSeconds")) {
            in.put("stopTimeoutSeconds", declared.get("stopTimeoutSeconds"));
        } else if (recorded != null && recorded.matches("\\d{1,9}")) {
            in.put("stopTimeoutSeconds", Long.parseLong(recorded));
        }
    }

    static Map<String, String> envMap(String[] env) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : env == null ? new String[0] : env) {
            int eq = entry.indexOf('=');
            result.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return result;
    }

    private void putMapIfAny(Map<String, Object> in, String key, Map<String, ?> value) {
        if (!value.isEmpty() || declared.containsKey(key)) {
            in.put(key, value);
        }
    }

    private void putListIfAny(Map<String, Object> in, String key, List<Object> value) {
        if (!value.isEmpty() || declared.containsKey(key)) {
            in.put(key, value);
        }
    }

    private static void putPositive(Map<String, Object> in, String key, Long value) {
        if (value != null && value > 0) {
            in.put(key, value);
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? null : Arrays.asList(values);
    }

    private static <K, V> Map<K, V> nullSafe(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
