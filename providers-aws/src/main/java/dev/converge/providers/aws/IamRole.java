package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * An IAM role ({@code aws:IamRole}) with its trust policy; the role name defaults to the resource name.
 *
 * <pre>{@code stack.add(IamRole.of("app").assumedBy("lambda.amazonaws.com"))}</pre>
 */
public final class IamRole extends ResourceArgs<IamRole, IamRole.Outputs> {

    /** The role: its name ({@code id} and {@code roleName}), ARN and role id. */
    public record Outputs(String id, String roleName, String arn, String roleId, Map<String, String> tags) {
    }

    private IamRole(Declaration declaration) {
        super(declaration);
    }

    public static IamRole of(String name) {
        return new IamRole(Declaration.of(AwsSchemas.IAM_ROLE, name)).roleName(name);
    }

    public IamRole roleName(Object name) {
        return with("roleName", name);
    }

    /** The trust policy as JSON. */
    public IamRole assumeRolePolicy(Object json) {
        return with("assumeRolePolicy", json);
    }

    /** A trust policy that lets one AWS service (such as {@code ec2.amazonaws.com}) assume the role. */
    public IamRole assumedBy(String servicePrincipal) {
        return assumeRolePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"" + servicePrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}");
    }

    public IamRole description(Object text) {
        return with("description", text);
    }

    public IamRole path(String path) {
        return with("path", path);
    }

    public IamRole maxSessionDuration(long seconds) {
        return with("maxSessionDuration", seconds);
    }

    public IamRole tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected IamRole wrap(Declaration next) {
        return new IamRole(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "roleName"), Out.str(values, "arn"),
                Out.str(values, "roleId"), Out.tags(values));
    }
}
