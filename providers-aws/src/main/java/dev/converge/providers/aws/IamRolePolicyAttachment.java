package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * A managed policy attached to a role ({@code aws:IamRolePolicyAttachment}):
 *
 * <pre>{@code stack.add(IamRolePolicyAttachment.of("app-access").role(role).policy(policy))}</pre>
 */
public final class IamRolePolicyAttachment
        extends ResourceArgs<IamRolePolicyAttachment, IamRolePolicyAttachment.Outputs> {

    /** The attachment: its id ({@code ROLE|POLICY_ARN}), role name and policy ARN. */
    public record Outputs(String id, String role, String policyArn) {
    }

    private IamRolePolicyAttachment(Declaration declaration) {
        super(declaration);
    }

    public static IamRolePolicyAttachment of(String name) {
        return new IamRolePolicyAttachment(Declaration.of(AwsSchemas.IAM_ROLE_POLICY_ATTACHMENT, name));
    }

    public IamRolePolicyAttachment role(Ref<IamRole.Outputs> role) {
        return roleName(role.output(IamRole.Outputs::roleName));
    }

    public IamRolePolicyAttachment roleName(Object name) {
        return with("role", name);
    }

    public IamRolePolicyAttachment policy(Ref<IamPolicy.Outputs> policy) {
        return policyArn(policy.output(IamPolicy.Outputs::arn));
    }

    /** A policy by ARN, such as an AWS-managed one. */
    public IamRolePolicyAttachment policyArn(Object arn) {
        return with("policyArn", arn);
    }

    @Override
    protected IamRolePolicyAttachment wrap(Declaration next) {
        return new IamRolePolicyAttachment(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "role"), Out.str(values, "policyArn"));
    }
}
