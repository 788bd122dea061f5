package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * An EBS volume attached to an instance ({@code aws:VolumeAttachment}). When the instance is replaced
 * the attachment is replaced too (detached first), which re-attaches the same volume to the new one.
 */
public final class VolumeAttachment extends ResourceArgs<VolumeAttachment, VolumeAttachment.Outputs> {

    /** The attachment: its id ({@code VOLUME|INSTANCE}). */
    public record Outputs(String id, String volumeId, String instanceId, String device) {
    }

    private VolumeAttachment(Declaration declaration) {
        super(declaration);
    }

    public static VolumeAttachment of(String name) {
        return new VolumeAttachment(Declaration.of(AwsSchemas.VOLUME_ATTACHMENT, name));
    }

    public VolumeAttachment volume(Ref<EbsVolume.Outputs> volume) {
        return with("volumeId", volume.output(EbsVolume.Outputs::volumeId));
    }

    public VolumeAttachment instance(Ref<Ec2Instance.Outputs> instance) {
        return with("instanceId", instance.output(Ec2Instance.Outputs::instanceId));
    }

    /** The device name, such as {@code /dev/sdf}. */
    public VolumeAttachment device(String device) {
        return with("device", device);
    }

    @Override
    protected VolumeAttachment wrap(Declaration next) {
        return new VolumeAttachment(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "volumeId"), Out.str(values, "instanceId"),
                Out.str(values, "device"));
    }
}
