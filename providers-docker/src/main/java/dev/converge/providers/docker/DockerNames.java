package dev.converge.providers.docker;

import dev.converge.api.Address;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Docker object names derived from stacks and addresses. Pure apart from the random suffix. */
final class DockerNames {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DockerNames() {
    }

    /** {@code <stack>_<path>} for networks and volumes, as compose names project objects. */
    static String stable(String stack, Address address) {
        return sanitize(stack + "_" + String.join("-", address.segments()));
    }

    /** {@code <stack>-<path>-<6 hex>}: a new name per container, so old and new can run side by side. */
    static String unique(String stack, Address address) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return sanitize(stack + "-" + String.join("-", address.segments()) + "-" + HexFormat.of().formatHex(suffix));
    }

    /** Docker allows {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}; anything else becomes {@code -}. */
    static String sanitize(String name) {
        String cleaned = name.replaceAll("[^a-zA-Z0-9_.-]", "-");
        return cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0)) ? "c" + cleaned : cleaned;
    }

    /** The alias a container answers to on its networks: its resource name, cleaned for DNS. */
    static String alias(Address address) {
        return address.name().replaceAll("[^a-zA-Z0-9_.-]", "-");
    }
}
