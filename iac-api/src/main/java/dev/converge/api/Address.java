package dev.converge.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scoped path of a resource or component in a stack, such as {@code erlbank/accounts}.
 *
 * <p>Immutable and thread-safe. Segments are non-empty and contain neither {@code /} nor whitespace.
 * Addresses order by their string form, which keeps plans and state files stable.
 */
public record Address(List<String> segments) implements Comparable<Address> {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.:@\\-\\[\\]]+");
    private static final Address ROOT = new Address(List.of());

    public Address {
        segments = List.copyOf(segments);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid name '" + segment + "' in address "
                        + String.join("/", segments) + ": use letters, digits and . _ - : @ [ ]");
            }
        }
    }

    /** The empty path of the stack itself. */
    public static Address root() {
        return ROOT;
    }

    public static Address of(String... segments) {
        return new Address(Arrays.asList(segments));
    }

    /** Parses {@code a/b/c}; the empty string is the root. */
    public static Address parse(String text) {
        if (text == null || text.isBlank()) {
            return ROOT;
        }
        return new Address(Arrays.asList(text.strip().split("/")));
    }

    public static boolean isValidName(String name) {
        return name != null && SEGMENT.matcher(name).matches();
    }

    public Address child(String name) {
        List<String> longer = new ArrayList<>(segments);
        longer.add(name);
        return new Address(longer);
    }

    public Address parent() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("the root address has no parent");
        }
        return new Address(segments.subList(0, segments.size() - 1));
    }

    /** The last segment: the resource's own name. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** True if this address equals {@code other} or lies below it. */
    public boolean startsWith(Address other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    @Override
    public int compareTo(Address other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
