package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
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
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * {@code aws:EbsVolume}: a volume that outlives instances. Mark it {@code protect()} (and
 * {@code holdsData()}) and attach it with {@code aws:VolumeAttachment}: when an immutable instance is
 * replaced, only the attachment moves to the new instance. Size can grow and type change in place.
 */
final class EbsVolumeHandler extends Handler {

    EbsVolumeHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.EBS_VOLUME));
    }

    private Ec2Client ec2() {
        return aws.ec2();
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String zone = Values.string(inputs, "availabilityZone");
        String id = AwsErrors.call(what("create", "in " + zone), () -> ec2().createVolume(b -> b.availabilityZone(zone)
                .clientToken(request.idempotencyToken()) // no second volume for a retried create (as for instances)
                .size((int) Values.number(inputs, "size", 1))
                .volumeType(VolumeType.fromValue(Values.string(inputs, "volumeType")))
                .tagSpecifications(Ec2Tags.at(ResourceType.VOLUME, Props.tagsWithOwner(inputs, request.owner()))))
                .volumeId());
        AwsErrors.run(what("wait for", id), () -> ec2().waiter().waitUntilVolumeAvailable(b -> b.volumeIds(id),
                Waits.upTo(request.timeout())));
        return new CreateResponse(id, outputs(inputs, Map.of("volumeId", id)));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String id = request.id();
        Map<String, Object> desired = request.desiredInputs();
        long before = Values.number(request.priorInputs(), "size", 0);
        long after = Values.number(desired, "size", 0);
        if (after < before) {
            throw ProviderException.fatal("aws:EbsVolume " + id + " cannot shrink from " + before + " to " + after
                    + " GiB; create a new volume and copy the data");
        }
        AwsErrors.run(what("update", id), () -> {
            if (VpcHandler.changed(request, "size") || VpcHandler.changed(request, "volumeType")) {
                ec2().modifyVolume(b -> b.volumeId(id).size((int) after)
                        .volumeType(VolumeType.fromValue(Values.string(desired, "volumeType"))));
            }
            if (VpcHandler.changed(request, "tags")) {
                Ec2Tags.retag(ec2(), id, tagsOf(id), Props.userTags(desired));
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("volumeId", id)));
    }

    private Optional<Volume> describe(String id) {
        try {
            return ec2().describeVolumes(b -> b.volumeIds(id)).volumes().stream().findFirst();
        } catch (AwsServiceException e) {
            if (AwsErrors.notFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(what("read", id), e);
        }
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        return describe(id).map(volume -> {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("availabilityZone", volume.availabilityZone());
            all.put("size", volume.size());
            all.put("volumeType", volume.volumeTypeAsString());
            all.put("tags", Props.visibleTags(Ec2Tags.toMap(volume.tags())));
            all.put("volumeId", id);
            return all;
        });
    }

    @Override
    boolean remove(String id, Map<String, Object> outputs) {
        return AwsErrors.deleteIfPresent(what("delete", id), () -> ec2().deleteVolume(b -> b.volumeId(id)));
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list volumes", () -> ec2().describeVolumesPaginator(b -> b.filters(
                Ec2Tags.ownedBy(stack))).volumes().stream().map(Volume::volumeId).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String id) {
        return describe(id).map(volume -> Ec2Tags.toMap(volume.tags())).orElse(Map.of());
    }
}
