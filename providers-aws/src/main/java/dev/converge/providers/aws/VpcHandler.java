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
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** {@code aws:Vpc}: a VPC with its DNS attributes. The id is the VPC id; create waits until available. */
final class VpcHandler extends Handler {

    VpcHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.VPC));
    }

    private Ec2Client ec2() {
        return aws.ec2();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String cidr = Values.string(inputs, "cidrBlock");
        String id = AwsErrors.call(what("create", cidr), () -> ec2().createVpc(b -> b.cidrBlock(cidr)
                .tagSpecifications(Ec2Tags.at(ResourceType.VPC, Props.tagsWithOwner(inputs, request.owner()))))
                .vpc().vpcId());
        AwsErrors.run(what("wait for", id), () -> {
            ec2().waiter().waitUntilVpcAvailable(b -> b.vpcIds(id), Waits.upTo(request.timeout()));
            setDns(id, inputs, true, true);
        });
        return new CreateResponse(id, outputs(inputs, Map.of("vpcId", id)));
    }

    private void setDns(String id, Map<String, Object> inputs, boolean support, boolean hostnames) {
        if (support) {
            ec2().modifyVpcAttribute(b -> b.vpcId(id).enableDnsSupport(v -> v.value(
                    Values.bool(inputs, "enableDnsSupport", true))));
        }
        if (hostnames) {
            ec2().modifyVpcAttribute(b -> b.vpcId(id).enableDnsHostnames(v -> v.value(
                    Values.bool(inputs, "enableDnsHostnames", false))));
        }
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String id = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", id), () -> {
            setDns(id, desired, changed(request, "enableDnsSupport"), changed(request, "enableDnsHostnames"));
            if (changed(request, "tags")) {
                Ec2Tags.retag(ec2(), id, liveTags(id), Props.userTags(desired));
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("vpcId", id)));
    }

    static boolean changed(UpdateRequest request, String property) {
        return request.diffs().stream().anyMatch(d -> d.property().equals(property));
    }

    private Map<String, String> liveTags(String id) {
        return ec2().describeVpcs(b -> b.vpcIds(id)).vpcs().stream().findFirst()
                .map(vpc -> Ec2Tags.toMap(vpc.tags())).orElse(Map.of());
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        try {
            Optional<Vpc> found = ec2().describeVpcs(b -> b.vpcIds(id)).vpcs().stream().findFirst();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("cidrBlock", found.get().cidrBlock());
            all.put("enableDnsSupport", ec2().describeVpcAttribute(b -> b.vpcId(id)
                    .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value());
            all.put("enableDnsHostnames", ec2().describeVpcAttribute(b -> b.vpcId(id)
                    .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());
            all.put("tags", Props.visibleTags(Ec2Tags.toMap(found.get().tags())));
            all.put("vpcId", id);
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
        return AwsErrors.deleteIfPresent(what("delete", id), () -> ec2().deleteVpc(b -> b.vpcId(id)));
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list VPCs", () -> ec2().describeVpcsPaginator(b -> b.filters(Ec2Tags.ownedBy(stack)))
                .vpcs().stream().map(Vpc::vpcId).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String id) {
        return liveTags(id);
    }
}
