package dev.converge.providers.aws;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code aws:Ec2Instance}: one instance, for immutable servers. A new image or user data replaces it
 * (create before delete, the default order); security groups and tags change in place. Create waits
 * until the instance runs, delete until it is terminated (SDK waiters). {@code readMany} reads every
 * instance in one DescribeInstances call. A terminated instance counts as gone.
 */
final class Ec2InstanceHandler extends Handler {

    Ec2InstanceHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.EC2_INSTANCE));
    }

    private Ec2Client ec2() {
        return aws.ec2();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String image = Values.string(inputs, "imageId");
        String userData = Values.string(inputs, "userData");
        List<String> groups = Values.listOf(inputs, "securityGroupIds").stream().map(String::valueOf).toList();
        // The create's token as ClientToken: AWS launches no second instance for a retried RunInstances whose first
        // answer was lost. The engine also looks for the instance by its tags first (moto ignores ClientToken).
        String id = AwsErrors.call(what("launch", image), () -> ec2().runInstances(b -> b.imageId(image)
                .clientToken(request.idempotencyToken())
                .instanceType(Values.string(inputs, "instanceType")).minCount(1).maxCount(1)
                .subnetId(Values.string(inputs, "subnetId")).keyName(Values.string(inputs, "keyName"))
                .securityGroupIds(groups.isEmpty() ? null : groups)
                .userData(userData == null ? null : Base64.getEncoder().encodeToString(
                        userData.getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(Ec2Tags.at(ResourceType.INSTANCE, Props.tagsWithOwner(inputs, request.owner()))))
                .instances().get(0).instanceId());
        AwsErrors.run(what("wait for", id), () -> ec2().waiter().waitUntilInstanceRunning(b -> b.instanceIds(id),
                Waits.upTo(request.timeout())));
        Instance instance = describe(List.of(id)).get(id);
        return new CreateResponse(id, outputs(inputs, computed(instance)));
    }

    private static Map<String, Object> computed(Instance instance) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("instanceId", instance.instanceId());
        Props.putIfPresent(values, "privateIp", instance.privateIpAddress());
        Props.putIfPresent(values, "publicIp", instance.publicIpAddress());
        if (instance.placement() != null) {
            Props.putIfPresent(values, "availabilityZone", instance.placement().availabilityZone());
        }
        return values;
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String id = request.id();
        Map<String, Object> desired = request.desiredInputs();
        AwsErrors.run(what("update", id), () -> {
            if (VpcHandler.changed(request, "securityGroupIds")) {
                ec2().modifyInstanceAttribute(b -> b.instanceId(id).groups(Values.listOf(desired, "securityGroupIds")
                        .stream().map(String::valueOf).toList()));
            }
            if (VpcHandler.changed(request, "tags")) {
                Ec2Tags.retag(ec2(), id, Ec2Tags.toMap(describe(List.of(id)).get(id).tags()), Props.userTags(desired));
            }
        });
        Map<String, Object> computed = new LinkedHashMap<>(request.priorOutputs());
        computed.keySet().retainAll(schema().outputsOnly());
        return new UpdateResponse(outputs(desired, computed));
    }

    /** Live (not terminated) instances by id; one call for any number of ids, unknown ids skipped. */
    private Map<String, Instance> describe(List<String> ids) {
        Filter byId = Filter.builder().name("instance-id").values(ids).build();
        return AwsErrors.call("describe instances " + ids, () -> ec2().describeInstancesPaginator(b -> b.filters(byId))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state() == null || (i.state().name() != InstanceStateName.TERMINATED
                        && i.state().name() != InstanceStateName.SHUTTING_DOWN))
                .collect(Collectors.toMap(Instance::instanceId, Function.identity(), (a, b) -> a)));
    }

    private Map<String, Object> toProperties(Instance instance, Map<String, Object> prior) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("imageId", instance.imageId());
        all.put("instanceType", instance.instanceTypeAsString());
        Props.putIfPresent(all, "subnetId", instance.subnetId());
        List<Object> groups = instance.securityGroups().stream().map(GroupIdentifier::groupId)
                .collect(Collectors.toList());
        List<Object> declared = Values.listOf(prior, "securityGroupIds");
        all.put("securityGroupIds", new HashSet<>(groups).equals(new HashSet<>(declared)) ? declared : groups);
        Props.putIfPresent(all, "keyName", instance.keyName());
        if (prior.isEmpty() || prior.containsKey("userData")) {
            String encoded = ec2().describeInstanceAttribute(b -> b.instanceId(instance.instanceId())
                    .attribute("userData")).userData().value();
            if (encoded != null) {
                all.put("userData", new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
            }
        }
        all.put("tags", Props.visibleTags(Ec2Tags.toMap(instance.tags())));
        all.putAll(computed(instance));
        return all;
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        return Optional.ofNullable(describe(List.of(id)).get(id))
                .map(instance -> AwsErrors.call(what("read", id), () -> toProperties(instance, prior)));
    }

    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        Map<String, Instance> live = describe(request.resources().stream().map(ReadRequest::id).toList());
        Map<Address, ReadResponse> results = new LinkedHashMap<>();
        for (ReadRequest one : request.resources()) {
            Instance instance = live.get(one.id());
            Map<String, Object> prior = one.priorInputs() == null ? Map.of() : one.priorInputs();
            results.put(one.address(), instance == null ? ReadResponse.gone() : AwsErrors.call(what("read", one.id()),
                    () -> {
                        Map<String, Object> all = toProperties(instance, prior);
                        return ReadResponse.found(inputsOf(all, prior), outputsOf(all, prior));
                    }));
        }
        return new ReadManyResponse(results);
    }

    /**
     * Terminates the instance {@code id}, or, when {@code id} is not an instance id, every live instance
     * that Converge owns whose {@code Name} tag is {@code id}: deployment strategies delete a leftover
     * version of an interrupted run by its stable name.
     */
    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        if (!INSTANCE_ID.matcher(id).matches()) {
            boolean removed = false;
            for (String named : byName(id)) {
                removed |= terminate(named);
            }
            return removed;
        }
        return terminate(id);
    }

    private static final java.util.regex.Pattern INSTANCE_ID = java.util.regex.Pattern.compile("i-[0-9a-f]+");

    private List<String> byName(String name) {
        Filter named = Filter.builder().name("tag:Name").values(name).build();
        Filter owned = Filter.builder().name("tag-key").values(dev.converge.spi.Ownership.STACK_LABEL).build();
        return AwsErrors.call("find instances named " + name, () -> ec2().describeInstancesPaginator(
                b -> b.filters(named, owned)).reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state() == null || i.state().name() != InstanceStateName.TERMINATED)
                .map(Instance::instanceId).collect(Collectors.toList()));
    }

    private boolean terminate(String id) {
        if (!describe(List.of(id)).containsKey(id)) {
            return false;
        }
        try {
            ec2().terminateInstances(b -> b.instanceIds(id));
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return false;
            }
            throw AwsErrors.translate(what("terminate", id), e);
        }
        AwsErrors.run(what("wait for termination of", id),
                () -> ec2().waiter().waitUntilInstanceTerminated(b -> b.instanceIds(id), Waits.standard()));
        return true;
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list instances", () -> ec2().describeInstancesPaginator(b -> b.filters(
                Ec2Tags.ownedBy(stack))).reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state() == null || i.state().name() != InstanceStateName.TERMINATED)
                .map(Instance::instanceId).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String id) {
        Instance instance = describe(List.of(id)).get(id);
        return instance == null ? Map.of() : Ec2Tags.toMap(instance.tags());
    }
}
