package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
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
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code aws:IamRole}: a role with its trust policy. The id is the role name. Deleting a role first
 * detaches its managed policies and deletes its inline policies, as IAM requires.
 */
final class IamRoleHandler extends Handler {

    IamRoleHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.IAM_ROLE));
    }

    private IamClient iam() {
        return aws.iam();
    }

    /** A retried create adopts the role its earlier attempt made (its tags are part of CreateRole). */
    @Override
    public boolean idempotentCreate() {
        return true;
    }

    /** The role an earlier attempt of this create made; the "already exists" failure for any other. */
    private Role madeEarlier(CreateRequest request, String name, RuntimeException exists) {
        if (Adoption.madeByThisCreate(request, tagsOf(name), false)) {
            return iam().getRole(b -> b.roleName(name)).role();
        }
        throw ProviderException.fatal(what("create", name) + " failed: a role of that name already exists; choose"
                + " another name, or adopt it with `import " + request.address() + " " + name + "`", exists);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "roleName");
        Role role;
        try {
            role = iam().createRole(b -> {
                b.roleName(name).assumeRolePolicyDocument(Values.string(inputs, "assumeRolePolicy"))
                        .path(Values.string(inputs, "path")).description(Values.string(inputs, "description"))
                        .tags(toTags(Props.tagsWithOwner(inputs, request.owner())));
                if (inputs.get("maxSessionDuration") != null) {
                    b.maxSessionDuration((int) Values.number(inputs, "maxSessionDuration", 3600));
                }
            }).role();
        } catch (software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException e) {
            role = AwsErrors.call(what("create", name), () -> madeEarlier(request, name, e));
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsErrors.translate(what("create", name), e);
        }
        return new CreateResponse(name, outputs(inputs, Map.of("arn", role.arn(), "roleId", role.roleId())));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String name = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", name), () -> {
            for (String property : request.diffs().stream().map(d -> d.property()).distinct().toList()) {
                switch (property) {
                    case "assumeRolePolicy" -> iam().updateAssumeRolePolicy(b -> b.roleName(name)
                            .policyDocument(Values.string(desired, "assumeRolePolicy")));
                    case "description", "maxSessionDuration" -> iam().updateRole(b -> {
                        b.roleName(name).description(Values.string(desired, "description") == null ? ""
                                : Values.string(desired, "description"));
                        if (desired.get("maxSessionDuration") != null) {
                            b.maxSessionDuration((int) Values.number(desired, "maxSessionDuration", 3600));
                        }
                    });
                    case "tags" -> retag(name, Props.userTags(desired));
                    default -> {
                        // forceNew properties never reach update; outputs are not set by programs.
                    }
                }
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("arn", Values.string(request.priorOutputs(), "arn"),
                "roleId", Values.string(request.priorOutputs(), "roleId"))));
    }

    private void retag(String name, Map<String, String> desired) {
        Props.TagChange change = Props.tagChange(tagsOf(name), desired);
        if (!change.remove().isEmpty()) {
            iam().untagRole(b -> b.roleName(name).tagKeys(change.remove()));
        }
        if (!change.set().isEmpty()) {
            iam().tagRole(b -> b.roleName(name).tags(toTags(change.set())));
        }
    }

    @Override
    Optional<Map<String, Object>> observe(String name, Map<String, Object> prior) {
        try {
            Role role = iam().getRole(b -> b.roleName(name)).role();
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("roleName", role.roleName());
            String trust = URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
            all.put("assumeRolePolicy", Props.keepDeclaredJson(Values.string(prior, "assumeRolePolicy"), trust));
            if (role.description() != null && !role.description().isEmpty()) {
                all.put("description", role.description());
            }
            all.put("path", role.path());
            Props.putIfPresent(all, "maxSessionDuration", role.maxSessionDuration());
            all.put("tags", Props.visibleTags(tagsOf(name)));
            all.put("arn", role.arn());
            all.put("roleId", role.roleId());
            return Optional.of(all);
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", name), e);
        }
    }

    @Override
    boolean remove(String name, Map<String, Object> outputs) {
        try {
            iam().listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies()
                    .forEach(p -> iam().detachRolePolicy(b -> b.roleName(name).policyArn(p.policyArn())));
            iam().listRolePoliciesPaginator(b -> b.roleName(name)).policyNames()
                    .forEach(p -> iam().deleteRolePolicy(b -> b.roleName(name).policyName(p)));
            iam().deleteRole(b -> b.roleName(name));
            return true;
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            throw AwsErrors.translate(what("delete", name), e);
        }
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list IAM roles", () -> iam().listRolesPaginator().roles().stream()
                .map(Role::roleName).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        iam().listRoleTagsPaginator(b -> b.roleName(name)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }
}
