package dev.converge.providers.docker;

import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pure helpers for the structured properties of {@code docker:Container}: their canonical map forms
 * (what builders write and what {@code read} reports) and typed views for the operations.
 * Values that are not known yet ({@link dev.converge.api.Unknown}) are left as they are.
 */
final class ContainerInputs {

    /** A published port; {@code external} 0 lets Docker choose a free host port. */
    record PortSpec(long internal, long external, String protocol) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("internal", internal);
            if (external > 0) {
                map.put("external", external);
            }
            map.put("protocol", protocol);
            return map;
        }
    }

    /** A network to join, with the extra aliases the container answers to there. */
    record NetworkSpec(String name, List<String> aliases) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("aliases", List.copyOf(new TreeSet<>(aliases)));
            return map;
        }
    }

    /** A volume (relative source: a volume name) or bind mount (absolute source: a host path). */
    record MountSpec(String source, String target, boolean readOnly) {
        boolean isBind() {
            return source.startsWith("/");
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("source", source);
            map.put("target", target);
            map.put("readOnly", readOnly);
            return map;
        }
    }

    /** A healthcheck; zero durations and retries mean Docker's defaults. */
    record HealthSpec(List<String> test, long intervalMillis, long timeoutMillis, long retries,
            long startPeriodMillis) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("test", List.copyOf(test));
            putPositive(map, "intervalMillis", intervalMillis);
            putPositive(map, "timeoutMillis", timeoutMillis);
            putPositive(map, "retries", retries);
            putPositive(map, "startPeriodMillis", startPeriodMillis);
            return map;
        }

        private static void putPositive(Map<String, Object> map, String key, long value) {
            if (value > 0) {
                map.put(key, value);
            }
        }
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private ContainerInputs() {
    }

    /** The inputs with ports, networks, mounts, healthcheck and cpus in canonical form. */
    static Map<String, Object> canonical(Map<String, Object> inputs) {
        Map<String, Object> result = new LinkedHashMap<>(inputs);
        // Lists whose order Docker does not keep are sorted, so a read-back compares equal.
        if (isKnownListOfMaps(inputs.get("ports"))) {
            result.put("ports", ports(inputs).stream()
                    .sorted(Comparator.comparingLong(PortSpec::internal).thenComparing(PortSpec::protocol))
                    .map(PortSpec::toMap).toList());
        }
        if (isKnownListOfMaps(inputs.get("networks"))) {
            result.put("networks", networks(inputs).stream()
                    .sorted(Comparator.comparing(NetworkSpec::name, NULLS_FIRST))
                    .map(NetworkSpec::toMap).toList());
        }
        if (isKnownListOfMaps(inputs.get("mounts"))) {
            result.put("mounts", mounts(inputs).stream().sorted(Comparator.comparing(MountSpec::target, NULLS_FIRST))
                    .map(MountSpec::toMap).toList());
        }
        for (String key : List.of("env", "labels", "tmpfs")) {
            if (inputs.get(key) instanceof Map<?, ?> && !Values.containsUnknown(inputs.get(key))) {
                result.put(key, new LinkedHashMap<>(stringMap(inputs, key)));
            }
        }
        for (String key : List.of("capAdd", "capDrop")) {
            if (inputs.get(key) instanceof List<?> && !Values.containsUnknown(inputs.get(key))) {
                result.put(key, strings(inputs, key).stream().map(ContainerSpec::capabilityName).sorted().toList());
            }
        }
        if (inputs.get("healthcheck") instanceof Map<?, ?> && !Values.containsUnknown(inputs.get("healthcheck"))) {
            result.put("healthcheck", healthcheck(inputs).toMap());
        }
        if (inputs.get("cpus") instanceof Number cpus) {
            result.put("cpus", cpus.doubleValue());
        }
        return result;
    }

    private static boolean isKnownListOfMaps(Object value) {
        return value instanceof List<?> list && !Values.containsUnknown(list)
                && list.stream().allMatch(item -> item instanceof Map<?, ?>);
    }

    static List<PortSpec> ports(Map<String, Object> inputs) {
        List<PortSpec> ports = new ArrayList<>();
        for (Map<String, Object> port : maps(inputs, "ports")) {
            String protocol = Values.string(port, "protocol");
            ports.add(new PortSpec(Values.number(port, "internal", 0), Values.number(port, "external", 0),
                    protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(java.util.Locale.ROOT)));
        }
        return ports;
    }

    static List<NetworkSpec> networks(Map<String, Object> inputs) {
        List<NetworkSpec> networks = new ArrayList<>();
        for (Map<String, Object> network : maps(inputs, "networks")) {
            List<String> aliases = Values.listOf(network, "aliases").stream().map(String::valueOf).toList();
            networks.add(new NetworkSpec(Values.string(network, "name"), aliases));
        }
        return networks;
    }

    static List<MountSpec> mounts(Map<String, Object> inputs) {
        List<MountSpec> mounts = new ArrayList<>();
        for (Map<String, Object> mount : maps(inputs, "mounts")) {
            mounts.add(new MountSpec(Values.string(mount, "source"), Values.string(mount, "target"),
                    Values.bool(mount, "readOnly", false)));
        }
        return mounts;
    }

    /** The healthcheck, or null when none is declared. */
    static HealthSpec healthcheck(Map<String, Object> inputs) {
        Map<String, Object> health = Values.mapOf(inputs, "healthcheck");
        if (health.isEmpty()) {
            return null;
        }
        List<String> test = Values.listOf(health, "test").stream().map(String::valueOf).toList();
        return new HealthSpec(test, Values.number(health, "intervalMillis", 0),
                Values.number(health, "timeoutMillis", 0), Values.number(health, "retries", 0),
                Values.number(health, "startPeriodMillis", 0));
    }

    static List<String> strings(Map<String, Object> inputs, String key) {
        return Values.listOf(inputs, key).stream().map(String::valueOf).toList();
    }

    static Map<String, String> stringMap(Map<String, Object> inputs, String key) {
        Map<String, String> result = new LinkedHashMap<>();
        Values.mapOf(inputs, key).forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> inputs, String key) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object item : Values.listOf(inputs, key)) {
            if (item instanceof Map<?, ?> map) {
                result.add((Map<String, Object>) map);
            }
        }
        return result;
    }
}
