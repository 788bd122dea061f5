package dev.converge.providers.k8s;

import dev.converge.spi.Ownership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels and annotations that mark objects Converge manages. Label values must match
 * Kubernetes' syntax (63 characters of letters, digits, {@code - _ .}), which addresses such as
 * {@code erlbank/accounts} do not: labels carry a label-safe form for selection, annotations the
 * exact stack and address. Pure.
 */
final class Labels {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "converge";
    static final String STACK = Ownership.STACK_LABEL;
    static final String ADDRESS = Ownership.ADDRESS_LABEL;
    static final String STACK_ANNOTATION = "converge.dev/stack";
    static final String ADDRESS_ANNOTATION = "converge.dev/address";

    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private Labels() {
    }

    /** A valid label value for {@code text}: itself with {@code /} as {@code .}, or a hash if still invalid. */
    static String safe(String text) {
        String dotted = text.replace('/', '.');
        if (dotted.length() <= 63 && LABEL_VALUE.matcher(dotted).matches()) {
            return dotted;
        }
        return "h-" + sha256(text).substring(0, 40);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static Map<String, String> labels(Ownership owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(STACK, safe(owner.stack()));
        labels.put(ADDRESS, safe(owner.address().toString()));
        return labels;
    }

    static Map<String, String> annotations(Ownership owner) {
        return Map.of(STACK_ANNOTATION, owner.stack(), ADDRESS_ANNOTATION, owner.address().toString());
    }

    /** The selector of every object of one stack: {@code managed-by=converge,converge.stack=...}. */
    static Map<String, String> stackSelector(String stack) {
        return Map.of(MANAGED_BY, MANAGER, STACK, safe(stack));
    }

    static boolean isOwnershipKey(String key) {
        return key.equals(MANAGED_BY) || key.equals(STACK) || key.equals(ADDRESS) || key.equals(STACK_ANNOTATION)
                || key.equals(ADDRESS_ANNOTATION) || key.equals(DeclaredShape.ANNOTATION);
    }
}
