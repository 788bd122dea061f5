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
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;

/**
 * {@code aws:VolumeAttachment}: a volume attached to an instance. The id is {@code VOLUME|INSTANCE}.
 * Every property forces a replacement, delete before create (a volume attaches to one instance at a
 * time), so a replaced instance gets the same volume re-attached.
 */
final class VolumeAttachmentHandler extends Handler {

    VolumeAttachmentHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.VOLUME_ATTACHMENT));
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String volume = Values.string(inputs, "volumeId");
        String instance = Values.string(inputs, "instanceId");
        AwsErrors.run(what("attach", volume + " to " + instance), () -> {
            aws.ec2().attachVolume(b -> b.volumeId(volume).instanceId(instance).device(Values.string(inputs, "device")));
            aws.ec2().waiter().waitUntilVolumeInUse(b -> b.volumeIds(volume), Waits.upTo(request.timeout()));
        });
        return new CreateResponse(volume + "|" + instance, outputs(inputs, Map.of()));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        throw ProviderException.fatal(type() + " " + request.id() + " cannot change in place; every property"
                + " forces a replacement");
    }

    private static String[] parts(String id) {
        String[] parts = id.split("\\|");
        if (parts.length != 2) {
            throw ProviderException.fatal("invalid aws:VolumeAttachment id '" + id + "': use VOLUME_ID|INSTANCE_ID");
        }
        return parts;
    }

    @Override
    Optional<Map<String, Object>> observe(String id, Map<String, Object> prior) {
        String[] parts = parts(id);
        try {
            return aws.ec2().describeVolumes(b -> b.volumeIds(parts[0])).volumes().stream()
                    .flatMap(v -> v.attachments().stream())
                    .filter(a -> a.instanceId().equals(parts[1]) && (a.state() == VolumeAttachmentState.ATTACHED
                            || a.state() == VolumeAttachmentState.ATTACHING))
                    .findFirst().map(a -> {
                        Map<String, Object> all = new LinkedHashMap<>();
                        all.put("volumeId", parts[0]);
                        all.put("instanceId", parts[1]);
                        all.put("device", a.device());
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
        if (observe(id, Map.of()).isEmpty()) {
            return false;
        }
        String[] parts = parts(id);
        AwsErrors.run(what("detach", id), () -> {
            aws.ec2().detachVolume(b -> b.volumeId(parts[0]).instanceId(parts[1]));
            aws.ec2().waiter().waitUntilVolumeAvailable(b -> b.volumeIds(parts[0]), Waits.standard());
        });
        return true;
    }
}
