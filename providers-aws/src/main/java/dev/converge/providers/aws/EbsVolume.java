package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * An EBS volume ({@code aws:EbsVolume}); mark it {@code protect()} so that it survives instance
 * replacements and destroys.
 */
public final class EbsVolume extends ResourceArgs<EbsVolume, EbsVolume.Outputs> {

    /** The volume: its id ({@code id} and {@code volumeId}), zone and size. */
    public record Outputs(String id, String volumeId, String availabilityZone, Long size) {
    }

    private EbsVolume(Declaration declaration) {
        super(declaration);
    }

    public static EbsVolume of(String name) {
        return new EbsVolume(Declaration.of(AwsSchemas.EBS_VOLUME, name));
    }

    public EbsVolume availabilityZone(Object zone) {
        return with("availabilityZone", zone);
    }

    /** Size in GiB; it can grow in place but never shrink. */
    public EbsVolume size(long gib) {
        return with("size", gib);
    }

    public EbsVolume volumeType(String type) {
        return with("volumeType", type);
    }

    public EbsVolume tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected EbsVolume wrap(Declaration next) {
        return new EbsVolume(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "volumeId"), Out.str(values, "availabilityZone"),
                Out.num(values, "size"));
    }
}
