package dev.converge.providers.aws;

import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * Pure conversions of security group rules. A rule is {@code {protocol, fromPort, toPort, cidrBlocks}};
 * for protocol {@code -1} (all traffic) the ports are 0. Rules are compared as sets of single
 * permissions (one protocol, port range and CIDR each), so order and grouping never show as drift.
 */
final class SecurityGroupRules {

    /** One protocol, port range and CIDR: the unit AWS authorizes and revokes. */
    record Permission(String protocol, long fromPort, long toPort, String cidr) {
        IpPermission toIpPermission() {
            IpPermission.Builder builder = IpPermission.builder().ipProtocol(protocol)
                    .ipRanges(IpRange.builder().cidrIp(cidr).build());
            if (!"-1".equals(protocol)) {
                builder.fromPort((int) fromPort).toPort((int) toPort);
            }
            return builder.build();
        }
    }

    private SecurityGroupRules() {
    }

    @SuppressWarnings("unchecked")
    static Set<Permission> expand(List<Object> rules) {
        Set<Permission> permissions = new LinkedHashSet<>();
        for (Object item : rules) {
            Map<String, Object> rule = (Map<String, Object>) item;
            String protocol = protocol(Values.string(rule, "protocol"));
            boolean all = "-1".equals(protocol);
            long from = all ? 0 : Values.number(rule, "fromPort", 0);
            long to = all ? 0 : Values.number(rule, "toPort", from);
            for (Object cidr : Values.listOf(rule, "cidrBlocks")) {
                permissions.add(new Permission(protocol, from, to, String.valueOf(cidr)));
            }
        }
        return permissions;
    }

    static Set<Permission> fromAws(List<IpPermission> permissions) {
        Set<Permission> result = new LinkedHashSet<>();
        for (IpPermission permission : permissions) {
            String protocol = protocol(permission.ipProtocol());
            boolean all = "-1".equals(protocol);
            long from = all || permission.fromPort() == null ? 0 : permission.fromPort();
            long to = all || permission.toPort() == null ? 0 : permission.toPort();
            permission.ipRanges().forEach(range -> result.add(new Permission(protocol, from, to, range.cidrIp())));
        }
        return result;
    }

    /** Observed permissions as rule maps: the declared rules when they mean the same, else grouped. */
    static List<Object> toRules(Set<Permission> observed, List<Object> declared) {
        if (declared != null && new HashSet<>(expand(declared)).equals(new HashSet<>(observed))) {
            return declared;
        }
        Map<String, List<String>> grouped = new TreeMap<>();
        for (Permission p : observed) {
            grouped.computeIfAbsent(p.protocol() + "|" + p.fromPort() + "|" + p.toPort(), k -> new ArrayList<>())
                    .add(p.cidr());
        }
        List<Object> rules = new ArrayList<>();
        grouped.forEach((key, cidrs) -> {
            String[] parts = key.split("\\|");
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("protocol", parts[0]);
            rule.put("fromPort", Long.parseLong(parts[1]));
            rule.put("toPort", Long.parseLong(parts[2]));
            rule.put("cidrBlocks", cidrs.stream().sorted().collect(Collectors.toList()));
            rules.add(rule);
        });
        return rules;
    }

    static List<IpPermission> toAws(Set<Permission> permissions) {
        return permissions.stream().map(Permission::toIpPermission).collect(Collectors.toList());
    }

    /** Permissions in {@code first} and not in {@code second}. */
    static Set<Permission> minus(Set<Permission> first, Set<Permission> second) {
        Set<Permission> result = new LinkedHashSet<>(first);
        result.removeAll(second);
        return result;
    }

    private static String protocol(String protocol) {
        if (protocol == null || protocol.equals("all")) {
            return "-1";
        }
        return switch (protocol) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> protocol.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
