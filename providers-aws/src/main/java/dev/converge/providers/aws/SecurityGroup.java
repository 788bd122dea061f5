package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A security group ({@code aws:SecurityGroup}) with rules; the group name defaults to the resource name.
 *
 * <pre>{@code stack.add(SecurityGroup.of("web").vpc(vpc).ingress("tcp", 443, 443, "0.0.0.0/0"))}</pre>
 */
public final class SecurityGroup extends ResourceArgs<SecurityGroup, SecurityGroup.Outputs> {

    /** The group: its id ({@code id} and {@code groupId}) and name. */
    public record Outputs(String id, String groupId, String groupName) {
    }

    private SecurityGroup(Declaration declaration) {
        super(declaration);
    }

    public static SecurityGroup of(String name) {
        return new SecurityGroup(Declaration.of(AwsSchemas.SECURITY_GROUP, name)).groupName(name);
    }

    public SecurityGroup groupName(Object name) {
        return with("groupName", name);
    }

    public SecurityGroup description(String text) {
        return with("description", text);
    }

    public SecurityGroup vpc(Ref<Vpc.Outputs> vpc) {
        return vpcId(vpc.output(Vpc.Outputs::vpcId));
    }

    public SecurityGroup vpcId(Object id) {
        return with("vpcId", id);
    }

    /** Allows inbound traffic; protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (all). */
    public SecurityGroup ingress(String protocol, long fromPort, long toPort, String... cidrBlocks) {
        return withElement("ingress", rule(protocol, fromPort, toPort, cidrBlocks));
    }

    /** Allows outbound traffic; once any egress rule is declared, AWS's default allow-all is removed. */
    public SecurityGroup egress(String protocol, long fromPort, long toPort, String... cidrBlocks) {
        return withElement("egress", rule(protocol, fromPort, toPort, cidrBlocks));
    }

    private static Map<String, Object> rule(String protocol, long fromPort, long toPort, String... cidrBlocks) {
        boolean all = "-1".equals(protocol);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("protocol", protocol);
        rule.put("fromPort", all ? 0L : fromPort);
        rule.put("toPort", all ? 0L : toPort);
        rule.put("cidrBlocks", List.of(cidrBlocks));
        return rule;
    }

    public SecurityGroup tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected SecurityGroup wrap(Declaration next) {
        return new SecurityGroup(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "groupId"), Out.str(values, "groupName"));
    }
}
