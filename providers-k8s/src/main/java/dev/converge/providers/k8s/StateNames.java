package dev.converge.providers.k8s;

import java.util.Locale;

/** Object names of a stack's state objects: valid DNS names, distinct for distinct stack names. Pure. */
final class StateNames {

    private StateNames() {
    }

    /** {@code prefix-stack}, with the stack lower-cased and cleaned; a hash keeps cleaned names distinct. */
    static String of(String prefix, String stack) {
        String cleaned = stack.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String name = prefix + "-" + cleaned;
        if (!cleaned.equals(stack) || name.length() > 200) {
            String hash = Labels.sha256(stack).substring(0, 10);
            name = (name.length() > 180 ? name.substring(0, 180) : name) + "-" + hash;
        }
        return name.replaceAll("-+$", "");
    }
}
