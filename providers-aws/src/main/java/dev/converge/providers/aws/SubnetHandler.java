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
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** {@code aws:Subnet}: a subnet of a VPC. The id is the subnet id; create waits until available. */
final class SubnetHandler extends Handler {

    SubnetHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.SUBNET));
    }

    private Ec2Client ec2() {
        return aws.ec2();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String cidr = Values.string(inputs, "cidrBlock");
        Subnet subnet = AwsErrors.call(what("create", cidr), () -> ec2().createSubnet(b -> b
                .vpcId(Values.string(inputs, "vpcId")).cidrBlock(cidr)
                .availabilityZone(Values.string(inputs, "availabilityZone"))
                .tagSpecifications(Ec2Tags.at(ResourceType.SUBNET, Props.tagsWithOwner(inputs, request.owner()))))
                .subnet());
        String id = subnet.subnetId();
        AwsErrors.run(what("wait for", id), () -> {
            ec2().waiter().waitUntilSubnetAvailable(b -> b.subnetIds(id), Waits.upTo(request.timeout()));
            if (Values.bool(inputs, "mapPublicIpOnLaunch", false)) {
                ec2().modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(v -> v.value(true)));
            }
        });
        return new CreateResponse(id, outputs(inputs, Map.of("subnetId", id,
                "availabilityZone", subnet.availabilityZone())));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String id = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", id), () -> {
            if (VpcHandler.changed(request, "mapPublicIpOnLaunch")) {
                ec2().modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(v -> v.value(
                        Values.bool(desired, "mapPublicIpOnLaunch", false))));
            }
            if (VpcHandler.changed(request, "tags")) {
                Ec2Tags.retag(ec2(), id, tagsOf(id), Props.userTags(desired));
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("subnetId", id,
                "availabilityZone", Values.string(request.priorOutputs(), "availabilityZone"))));
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        try {
            return ec2().describeSubnets(b -> b.subnetIds(id)).subnets().stream().findFirst().map(subnet -> {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("vpcId", subnet.vpcId());
                all.put("cidrBlock", subnet.cidrBlock());
                all.put("availabilityZone", subnet.availabilityZone());
                all.put("mapPublicIpOnLaunch", Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch()));
                all.put("tags", Props.visibleTags(Ec2Tags.toMap(subnet.tags())));
                all.put("subnetId", id);
                return all;
            });
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", id), e);
        }
    }

    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        return AwsErrors.deleteIfPresent(what("delete", id), () -> ec2().deleteSubnet(b -> b.subnetId(id)));
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list subnets", () -> ec2().describeSubnetsPaginator(b -> b.filters(
                Ec2Tags.ownedBy(stack))).subnets().stream().map(Subnet::subnetId).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String id) {
        return ec2().describeSubnets(b -> b.subnetIds(id)).subnets().stream().findFirst()
                .map(subnet -> Ec2Tags.toMap(subnet.tags())).orElse(Map.of());
    }
}
