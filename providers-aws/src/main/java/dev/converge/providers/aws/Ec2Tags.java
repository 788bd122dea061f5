package dev.converge.providers.aws;

import dev.converge.spi.Ownership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2 tag helpers: tags at creation, tag maps, in-place retagging and the ownership filter. */
final class Ec2Tags {

    private Ec2Tags() {
    }

    static TagSpecification at(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(toTags(tags)).build();
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    /** Brings the user tags of {@code resourceId} to {@code desired}, keeping the ownership tags. */
    static void retag(Ec2Client ec2, String resourceId, Map<String, String> live, Map<String, String> desired) {
        Props.TagChange change = Props.tagChange(live, desired);
        if (!change.remove().isEmpty()) {
            ec2.deleteTags(b -> b.resources(resourceId).tags(change.remove().stream()
                    .map(key -> Tag.builder().key(key).build()).collect(Collectors.toList())));
        }
        if (!change.set().isEmpty()) {
            ec2.createTags(b -> b.resources(resourceId).tags(toTags(change.set())));
        }
    }

    /** The describe filter that selects a stack's objects. */
    static Filter ownedBy(String stack) {
        return Filter.builder().name("tag:" + Ownership.STACK_LABEL).values(stack).build();
    }
}
