package dev.converge.properties;

import dev.converge.api.Address;
import java.util.List;
import java.util.Map;

/**
 * The generated description of one {@code fake:Thing} in a generated program. Immutable.
 *
 * @param uid identity across program versions (a rename keeps it)
 * @param name the resource name
 * @param group the component it is declared in, or null for the stack itself
 * @param value the {@code value} property
 * @param size the {@code size} property
 * @param key the {@code key} property (forces replacement when it changes)
 * @param tags the {@code tags} property; empty means not set
 * @param refUid the thing whose output feeds this one's {@code ref} property, or null
 * @param refKind which output feeds {@code ref}
 * @param dependsOnUid an explicit {@code dependsOn}, or null
 * @param order the replacement order option
 * @param immutable any change replaces the resource
 * @param replaceOnValue a {@code value} change replaces the resource ({@code replaceOnChanges("value")})
 * @param ignoreTags {@code ignoreChanges("tags")}
 * @param aliases earlier addresses, set when the thing was renamed in this program version
 */
record Thing(int uid, String name, String group, String value, long size, String key, Map<String, String> tags,
        Integer refUid, RefKind refKind, Integer dependsOnUid, Order order, boolean immutable,
        boolean replaceOnValue, boolean ignoreTags, List<String> aliases) {

    /** The output of the referenced thing that feeds {@code ref}. */
    enum RefKind {
        /** {@code parent.output("arn")}: changes when the parent is replaced. */
        ARN,
        /** {@code parent.output("value").map(v -> v + "/" + name)}: changes with the parent's value. */
        VALUE,
        /** {@code parent.id()}. */
        ID
    }

    /** The replacement order option. */
    enum Order { DEFAULT, DELETE_BEFORE_CREATE, CREATE_BEFORE_DELETE }

    Thing {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    Address address() {
        return group == null ? Address.of(name) : Address.of(group, name);
    }

    Thing withValue(String newValue) {
        return new Thing(uid, name, group, newValue, size, key, tags, refUid, refKind, dependsOnUid, order, immutable,
                replaceOnValue, ignoreTags, aliases);
    }

    Thing withSize(long newSize) {
        return new Thing(uid, name, group, value, newSize, key, tags, refUid, refKind, dependsOnUid, order, immutable,
                replaceOnValue, ignoreTags, aliases);
    }

    Thing withKey(String newKey) {
        return new Thing(uid, name, group, value, size, newKey, tags, refUid, refKind, dependsOnUid, order, immutable,
                replaceOnValue, ignoreTags, aliases);
    }

    Thing withTags(Map<String, String> newTags) {
        return new Thing(uid, name, group, value, size, key, newTags, refUid, refKind, dependsOnUid, order, immutable,
                replaceOnValue, ignoreTags, aliases);
    }

    Thing withRef(Integer newRefUid, RefKind newKind) {
        return new Thing(uid, name, group, value, size, key, tags, newRefUid, newKind, dependsOnUid, order, immutable,
                replaceOnValue, ignoreTags, aliases);
    }

    Thing withDependsOn(Integer newDependsOn) {
        return new Thing(uid, name, group, value, size, key, tags, refUid, refKind, newDependsOn, order, immutable,
                replaceOnValue, ignoreTags, aliases);
    }

    Thing withOptions(Order newOrder, boolean newImmutable, boolean newReplaceOnValue, boolean newIgnoreTags) {
        return new Thing(uid, name, group, value, size, key, tags, refUid, refKind, dependsOnUid, newOrder,
                newImmutable, newReplaceOnValue, newIgnoreTags, aliases);
    }

    /** The same thing under a new name and group, with its old address as alias. */
    Thing renamed(String newName, String newGroup) {
        return new Thing(uid, newName, newGroup, value, size, key, tags, refUid, refKind, dependsOnUid, order,
                immutable, replaceOnValue, ignoreTags, List.of(address().toString()));
    }

    Thing withoutAliases() {
        return new Thing(uid, name, group, value, size, key, tags, refUid, refKind, dependsOnUid, order, immutable,
                replaceOnValue, ignoreTags, List.of());
    }
}
