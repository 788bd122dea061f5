package dev.converge.engine.plan;

import dev.converge.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A deterministic text form of values (maps sorted by key) and its SHA-256, for fingerprints. */
final class Canonical {

    private Canonical() {
    }

    static void append(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            new TreeMap<>(map).forEach((key, item) -> {
                out.append(key).append('=');
                append(out, item);
                out.append(';');
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            list.forEach(item -> {
                append(out, item);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof Secret secret) {
            // A digest of the secret, never its text: the fingerprint is stored in plan files.
            out.append("secret:").append(sha256(String.valueOf(secret.reveal())));
        } else {
            out.append(value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
