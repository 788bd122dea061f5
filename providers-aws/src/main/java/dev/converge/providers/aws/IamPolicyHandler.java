package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code aws:IamPolicy}: a customer-managed policy. The id is the policy ARN. A document change
 * creates a new default version, deleting the oldest non-default version when IAM's limit of five is
 * reached. Deleting detaches the policy from every role, user and group first.
 */
final class IamPolicyHandler extends Handler {

    private static final int MAX_VERSIONS = 5;

    IamPolicyHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.IAM_POLICY));
    }

    private IamClient iam() {
        return aws.iam();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "policyName");
        Policy policy = AwsErrors.call(what("create", name), () -> iam().createPolicy(b -> b.policyName(name)
                .path(Values.string(inputs, "path")).description(Values.string(inputs, "description"))
                .policyDocument(Values.string(inputs, "document"))
                .tags(IamRoleHandler.toTags(Props.tagsWithOwner(inputs, request.owner())))).policy());
        return new CreateResponse(policy.arn(), outputs(inputs, Map.of("arn", policy.arn())));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String arn = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", arn), () -> {
            if (request.diffs().stream().anyMatch(d -> d.property().equals("document"))) {
                List<PolicyVersion> versions = iam().listPolicyVersions(b -> b.policyArn(arn)).versions();
                if (versions.size() >= MAX_VERSIONS) {
                    versions.stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
                            .min((a, b) -> a.createDate().compareTo(b.createDate()))
                            .ifPresent(v -> iam().deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
                }
                iam().createPolicyVersion(b -> b.policyArn(arn).policyDocument(Values.string(desired, "document"))
                        .setAsDefault(true));
            }
            if (request.diffs().stream().anyMatch(d -> d.property().equals("tags"))) {
                Props.TagChange change = Props.tagChange(tagsOf(arn), Props.userTags(desired));
                if (!change.remove().isEmpty()) {
                    iam().untagPolicy(b -> b.policyArn(arn).tagKeys(change.remove()));
                }
                if (!change.set().isEmpty()) {
                    iam().tagPolicy(b -> b.policyArn(arn).tags(IamRoleHandler.toTags(change.set())));
                }
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("arn", arn)));
    }

    @Override
    Optional<Map<String, Object>> observe(String arn, Map<String, Object> prior) {
        try {
            Policy policy = iam().getPolicy(b -> b.policyArn(arn)).policy();
            String document = iam().getPolicyVersion(b -> b.policyArn(arn).versionId(policy.defaultVersionId()))
                    .policyVersion().document();
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("policyName", policy.policyName());
            all.put("path", policy.path());
            if (policy.description() != null && !policy.description().isEmpty()) {
                all.put("description", policy.description());
            }
            String decoded = URLDecoder.decode(document, StandardCharsets.UTF_8);
            all.put("document", Props.keepDeclaredJson(Values.string(prior, "document"), decoded));
            all.put("tags", Props.visibleTags(tagsOf(arn)));
            all.put("arn", arn);
            return Optional.of(all);
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", arn), e);
        }
    }

    @Override
    boolean remove(String arn, Map<String, Object> outputs) {
        try {
            var entities = iam().listEntitiesForPolicy(b -> b.policyArn(arn));
            entities.policyRoles().forEach(r -> iam().detachRolePolicy(b -> b.roleName(r.roleName()).policyArn(arn)));
            entities.policyUsers().forEach(u -> iam().detachUserPolicy(b -> b.userName(u.userName()).policyArn(arn)));
            entities.policyGroups().forEach(g -> iam().detachGroupPolicy(b -> b.groupName(g.groupName())
                    .policyArn(arn)));
            iam().listPolicyVersions(b -> b.policyArn(arn)).versions().stream()
                    .filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
                    .forEach(v -> iam().deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
            iam().deletePolicy(b -> b.policyArn(arn));
            return true;
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            throw AwsErrors.translate(what("delete", arn), e);
        }
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list IAM policies", () -> iam().listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL))
                .policies().stream().map(Policy::arn).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        iam().listPolicyTagsPaginator(b -> b.policyArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
