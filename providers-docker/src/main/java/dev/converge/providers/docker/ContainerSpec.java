package dev.converge.providers.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates the inputs of a {@code docker:Container} into docker-java's create command. Makes no
 * Docker call itself.
 */
final class ContainerSpec {

    /**
     * Records the declared stop timeout: Docker keeps it, but docker-java's inspect data leaves it out, and
     * an import or crash recovery must read it back (it forces a replacement when it differs).
     */
    static final String STOP_TIMEOUT_LABEL = "converge.stop-timeout";

    private ContainerSpec() {
    }

    /** The declared labels, the owner's, and the stop timeout when one is declared. */
    private static Map<String, String> labels(Map<String, Object> inputs, Map<String, String> ownerLabels) {
        Map<String, String> labels = new LinkedHashMap<>(ContainerInputs.stringMap(inputs, "labels"));
        labels.putAll(ownerLabels);
        if (inputs.containsKey("stopTimeoutSeconds")) {
            labels.put(STOP_TIMEOUT_LABEL, Integer.toString((int) Values.number(inputs, "stopTimeoutSeconds", 10)));
        }
        return labels;
    }

    /** Fills {@code cmd} from the inputs; the first network is joined at create with {@code aliases}. */
    static CreateContainerCmd configure(CreateContainerCmd cmd, Map<String, Object> inputs,
            Map<String, String> ownerLabels, List<String> firstNetworkAliases) {
        cmd.withLabels(labels(inputs, ownerLabels)).withEnv(env(inputs));
        if (inputs.containsKey("stopTimeoutSeconds")) {
            cmd.withStopTimeout((int) Values.number(inputs, "stopTimeoutSeconds", 10));
        }
        List<String> command = ContainerInputs.strings(inputs, "command");
        if (inputs.containsKey("command")) {
            cmd.withCmd(command);
        }
        if (inputs.containsKey("entrypoint")) {
            cmd.withEntrypoint(ContainerInputs.strings(inputs, "entrypoint"));
        }
        String hostname = Values.string(inputs, "hostname");
        if (hostname != null) {
            cmd.withHostName(hostname);
        }
        String user = Values.string(inputs, "user");
        if (user != null) {
            cmd.withUser(user);
        }
        ContainerInputs.HealthSpec health = ContainerInputs.healthcheck(inputs);
        if (health != null) {
            cmd.withHealthcheck(healthCheck(health));
        }
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (ContainerInputs.PortSpec port : ContainerInputs.ports(inputs)) {
            ExposedPort exposedPort = new ExposedPort((int) port.internal(), InternetProtocol.parse(port.protocol()));
            exposed.add(exposedPort);
            bindings.bind(exposedPort, port.external() > 0
                    ? Ports.Binding.bindPort((int) port.external()) : Ports.Binding.empty());
        }
        cmd.withExposedPorts(exposed);
        HostConfig host = hostConfig(inputs).withPortBindings(bindings);
        List<ContainerInputs.NetworkSpec> networks = ContainerInputs.networks(inputs);
        if (!networks.isEmpty()) {
            host.withNetworkMode(networks.get(0).name());
            cmd.withAliases(firstNetworkAliases);
        }
        return cmd.withHostConfig(host);
    }

    private static HostConfig hostConfig(Map<String, Object> inputs) {
        HostConfig host = HostConfig.newHostConfig()
                .withRestartPolicy(restartPolicy(Values.string(inputs, "restart")))
                .withReadonlyRootfs(Values.bool(inputs, "readOnly", false))
                .withInit(Values.bool(inputs, "init", false) ? Boolean.TRUE : null)
                .withBinds(binds(inputs));
        if (inputs.containsKey("memory")) {
            host.withMemory(Values.number(inputs, "memory", 0));
        }
        if (inputs.get("cpus") instanceof Number cpus) {
            host.withNanoCPUs(Math.round(cpus.doubleValue() * 1_000_000_000d));
        }
        if (inputs.containsKey("pidsLimit")) {
            host.withPidsLimit(Values.number(inputs, "pidsLimit", 0));
        }
        Map<String, String> tmpfs = ContainerInputs.stringMap(inputs, "tmpfs");
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        List<Capability> add = capabilities(ContainerInputs.strings(inputs, "capAdd"));
        if (!add.isEmpty()) {
            host.withCapAdd(add.toArray(Capability[]::new));
        }
        List<Capability> drop = capabilities(ContainerInputs.strings(inputs, "capDrop"));
        if (!drop.isEmpty()) {
            host.withCapDrop(drop.toArray(Capability[]::new));
        }
        return host;
    }

    static List<String> env(Map<String, Object> inputs) {
        List<String> env = new ArrayList<>();
        ContainerInputs.stringMap(inputs, "env").forEach((key, value) -> env.add(key + "=" + value));
        return env;
    }

    static List<Bind> binds(Map<String, Object> inputs) {
        List<Bind> binds = new ArrayList<>();
        for (ContainerInputs.MountSpec mount : ContainerInputs.mounts(inputs)) {
            binds.add(new Bind(mount.source(), new Volume(mount.target()),
                    mount.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        return binds;
    }

    static HealthCheck healthCheck(ContainerInputs.HealthSpec health) {
        HealthCheck check = new HealthCheck().withTest(health.test());
        if (health.intervalMillis() > 0) {
            check.withInterval(health.intervalMillis() * 1_000_000L);
        }
        if (health.timeoutMillis() > 0) {
            check.withTimeout(health.timeoutMillis() * 1_000_000L);
        }
        if (health.retries() > 0) {
            check.withRetries((int) health.retries());
        }
        if (health.startPeriodMillis() > 0) {
            check.withStartPeriod(health.startPeriodMillis() * 1_000_000L);
        }
        return check;
    }

    /** Parses {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}. */
    static RestartPolicy restartPolicy(String policy) {
        if (policy == null || policy.isBlank() || policy.equals("no")) {
            return RestartPolicy.noRestart();
        }
        if (policy.equals("always")) {
            return RestartPolicy.alwaysRestart();
        }
        if (policy.equals("unless-stopped")) {
            return RestartPolicy.unlessStoppedRestart();
        }
        if (policy.startsWith("on-failure")) {
            String count = policy.substring("on-failure".length());
            return RestartPolicy.onFailureRestart(count.startsWith(":") ? Integer.parseInt(count.substring(1)) : 0);
        }
        throw new IllegalArgumentException("unknown restart policy '" + policy
                + "': use no, always, unless-stopped, on-failure or on-failure:N");
    }

    /** Docker's capability names, with or without the {@code CAP_} prefix, in canonical form. */
    static String capabilityName(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    private static List<Capability> capabilities(List<String> names) {
        List<Capability> result = new ArrayList<>();
        for (String name : names) {
            try {
                result.add(Capability.valueOf(capabilityName(name)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown Linux capability '" + name + "', such as NET_ADMIN", e);
            }
        }
        return result;
    }
}
