package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * {@code aws:SecurityGroup} with ingress and (optionally) egress rules, changed in place by
 * authorizing and revoking single permissions. The id is the group id.
 */
final class SecurityGroupHandler extends Handler {

    SecurityGroupHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.SECURITY_GROUP));
    }

    private Ec2Client ec2() {
        return aws.ec2();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "groupName");
        String id = AwsErrors.call(what("create", name), () -> ec2().createSecurityGroup(b -> b.groupName(name)
                .description(Values.string(inputs, "description")).vpcId(Values.string(inputs, "vpcId"))
                .tagSpecifications(Ec2Tags.at(ResourceType.SECURITY_GROUP,
                        Props.tagsWithOwner(inputs, request.owner())))).groupId());
        AwsErrors.run(what("set rules of", id), () -> {
            SecurityGroup group = describe(id).orElseThrow();
            syncRules(id, group, inputs);
        });
        return new CreateResponse(id, outputs(inputs, Map.of("groupId", id)));
    }

    private void syncRules(String id, SecurityGroup group, Map<String, Object> desired) {
        Set<SecurityGroupRules.Permission> liveIn = SecurityGroupRules.fromAws(group.ipPermissions());
        Set<SecurityGroupRules.Permission> wantIn = SecurityGroupRules.expand(Values.listOf(desired, "ingress"));
        var revokeIn = SecurityGroupRules.minus(liveIn, wantIn);
        var addIn = SecurityGroupRules.minus(wantIn, liveIn);
        if (!revokeIn.isEmpty()) {
            ec2().revokeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(SecurityGroupRules.toAws(revokeIn)));
        }
        if (!addIn.isEmpty()) {
            ec2().authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(SecurityGroupRules.toAws(addIn)));
        }
        if (desired.get("egress") == null) {
            return;
        }
        Set<SecurityGroupRules.Permission> liveOut = SecurityGroupRules.fromAws(group.ipPermissionsEgress());
        Set<SecurityGroupRules.Permission> wantOut = SecurityGroupRules.expand(Values.listOf(desired, "egress"));
        var revokeOut = SecurityGroupRules.minus(liveOut, wantOut);
        var addOut = SecurityGroupRules.minus(wantOut, liveOut);
        if (!revokeOut.isEmpty()) {
            ec2().revokeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(SecurityGroupRules.toAws(revokeOut)));
        }
        if (!addOut.isEmpty()) {
            ec2().authorizeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(SecurityGroupRules.toAws(addOut)));
        }
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String id = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", id), () -> {
            SecurityGroup group = describe(id).orElseThrow();
            if (VpcHandler.changed(request, "ingress") || VpcHandler.changed(request, "egress")) {
                syncRules(id, group, desired);
            }
            if (VpcHandler.changed(request, "tags")) {
                Ec2Tags.retag(ec2(), id, Ec2Tags.toMap(group.tags()), Props.userTags(desired));
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("groupId", id)));
    }

    private Optional<SecurityGroup> describe(String id) {
        try {
            return ec2().describeSecurityGroups(b -> b.groupIds(id)).securityGroups().stream().findFirst();
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        return AwsErrors.call(what("read", id), () -> describe(id).map(group -> {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("groupName", group.groupName());
            all.put("description", group.description());
            Props.putIfPresent(all, "vpcId", group.vpcId());
            all.put("ingress", SecurityGroupRules.toRules(SecurityGroupRules.fromAws(group.ipPermissions()),
                    prior.get("ingress") == null ? null : Values.listOf(prior, "ingress")));
            all.put("egress", SecurityGroupRules.toRules(SecurityGroupRules.fromAws(group.ipPermissionsEgress()),
                    prior.get("egress") == null ? null : Values.listOf(prior, "egress")));
            all.put("tags", Props.visibleTags(Ec2Tags.toMap(group.tags())));
            all.put("groupId", id);
            return all;
        }));
    }

    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        return AwsErrors.deleteIfPresent(what("delete", id), () -> ec2().deleteSecurityGroup(b -> b.groupId(id)));
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list security groups", () -> ec2().describeSecurityGroupsPaginator(b -> b.filters(
                Ec2Tags.ownedBy(stack))).securityGroups().stream().map(SecurityGroup::groupId)
                .collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String id) {
        return describe(id).map(group -> Ec2Tags.toMap(group.tags())).orElse(Map.of());
    }
}
