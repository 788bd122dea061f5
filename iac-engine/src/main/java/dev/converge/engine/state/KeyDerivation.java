package dev.converge.engine.state;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * How a passphrase becomes the AES key of one state lineage: PBKDF2WithHmacSHA256 with a random salt
 * and an iteration count, stored in the state document (and journal, saved plans) beside the secrets
 * it protects. Not secret itself. Ignored when the key comes from a key file. Immutable.
 *
 * @param algorithm the key derivation function, {@value #PBKDF2}
 * @param iterations the PBKDF2 iteration count
 * @param salt the base64 salt, 16 random bytes
 */
record KeyDerivation(String algorithm, int iterations, String salt) {

    public static final String PBKDF2 = "PBKDF2WithHmacSHA256";

    /** The iteration count of new lineages: PBKDF2-SHA256 at the strength OWASP advises for 2023. */
    public static final int DEFAULT_ITERATIONS = 310_000;

    public KeyDerivation {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
    }

    /** New parameters with a fresh random salt, for a new lineage. */
    public static KeyDerivation random() {
        byte[] salt = new byte[16];
        Salts.RANDOM.nextBytes(salt);
        return new KeyDerivation(PBKDF2, DEFAULT_ITERATIONS, Base64.getEncoder().encodeToString(salt));
    }

    /** The decoded salt bytes. */
    public byte[] saltBytes() {
        return Base64.getDecoder().decode(salt);
    }

    /**
     * The salts' source, made when the first lineage is created rather than whenever a state is read: seeding
     * a SecureRandom is a noticeable part of a short plan (docs/benchmarks.md, "Start-up").
     */
    private static final class Salts {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
