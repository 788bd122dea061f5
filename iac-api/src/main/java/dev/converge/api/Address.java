package dev.converge.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scoped path of a resource or component in a stack, such as {@code erlbank/accounts}.
 *
 * <p>Immutable and thread-safe. Segments are non-empty and contain neither {@code /} nor whitespace.
 * Addresses order by their string form, which keeps plans and state files stable.
 */
public final class Address implements Comparable<Address> {

    private static final Address ROOT = new Address(List.of());

    private final List<String> segments;
    // Cached: addresses are map keys in states of 100,000 resources and compare by their text.
    private final String text;

    public Address(List<String> segments) {
        this.segments = List.copyOf(segments);
        // A single segment is its own text: one string instead of two in states of 100,000 addresses.
        this.text = this.segments.size() == 1 ? this.segments.get(0) : String.join("/", this.segments);
        for (String segment : this.segments) {
            if (!isValidName(segment)) {
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
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_.:@-[]".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
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

    public List<String> segments() {
        return segments;
    }

    @Override
    public int compareTo(Address other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Address address && text.equals(address.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
