package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@code aws:IamRolePolicyAttachment}: a managed policy attached to a role. The id is
 * {@code ROLE|POLICY_ARN}; import takes the same form. Both properties force a replacement, so update
 * is never called.
 */
final class IamRolePolicyAttachmentHandler extends Handler {

    IamRolePolicyAttachmentHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.IAM_ROLE_POLICY_ATTACHMENT));
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        String role = Values.string(request.inputs(), "role");
        String policy = Values.string(request.inputs(), "policyArn");
        AwsErrors.run(what("attach", policy + " to role " + role),
                () -> aws.iam().attachRolePolicy(b -> b.roleName(role).policyArn(policy)));
        return new CreateResponse(role + "|" + policy, outputs(request.inputs(), Map.of()));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        throw ProviderException.fatal(type() + " " + request.id() + " cannot be updated in place; every"
                + " property forces a replacement");
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        int bar = id.indexOf('|');
        if (bar < 0) {
            throw ProviderException.fatal("invalid " + type() + " id '" + id + "': use ROLE|POLICY_ARN");
        }
        String role = id.substring(0, bar);
        String policy = id.substring(bar + 1);
        try {
            boolean attached = aws.iam().listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies()
                    .stream().anyMatch(p -> p.policyArn().equals(policy));
            if (!attached) {
                return Optional.empty();
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("role", role);
            all.put("policyArn", policy);
            return Optional.of(all);
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", id), e);
        }
    }

    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        int bar = id.indexOf('|');
        String role = id.substring(0, bar);
        String policy = id.substring(bar + 1);
        return AwsErrors.deleteIfPresent(what("detach", id), () -> aws.iam().detachRolePolicy(b -> b.roleName(role).policyArn(policy)));
    }
}
