package dev.converge.engine.state;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of single secret values. Each value gets a random 12-byte nonce; the stored
 * form is base64 of {@code nonce || ciphertext || tag}, so a wrong key or an altered value is detected.
 * Immutable and thread-safe.
 */
final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Derived keys by passphrase digest and parameters: PBKDF2 is slow on purpose, so derive once. */
    private static final Map<String, byte[]> DERIVED = new ConcurrentHashMap<>();

    private final SecretKeySpec key;

    private SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A cipher with a raw 32-byte key (from a key file). */
    public static SecretCipher ofKey(byte[] key) {
        return new SecretCipher(key);
    }

    /** A cipher whose key is derived from {@code passphrase} with {@code derivation}'s salt and iterations. */
    public static SecretCipher ofPassphrase(String passphrase, KeyDerivation derivation) {
        if (!KeyDerivation.PBKDF2.equals(derivation.algorithm())) {
            throw new IllegalArgumentException("unsupported key derivation " + derivation.algorithm()
                    + "; this version of Converge knows " + KeyDerivation.PBKDF2);
        }
        String cacheKey = LocalFiles.sha256(passphrase.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "/"
                + derivation.iterations() + "/" + derivation.salt();
        return new SecretCipher(DERIVED.computeIfAbsent(cacheKey, k -> derive(passphrase, derivation)));
    }

    private static byte[] derive(String passphrase, KeyDerivation derivation) {
        PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), derivation.saltBytes(), derivation.iterations(), 256);
        try {
            return SecretKeyFactory.getInstance(KeyDerivation.PBKDF2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot derive a key with " + KeyDerivation.PBKDF2, e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Encrypts {@code plaintext} with a fresh nonce; returns base64 of nonce, ciphertext and tag. */
    public String encrypt(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value made by {@link #encrypt}.
     *
     * @throws DecryptionException if the key is wrong or the value was altered or truncated
     */
    public byte[] decrypt(String encoded) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("the encrypted value is not valid base64");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionException("the encrypted value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return cipher.doFinal(Arrays.copyOfRange(all, NONCE_BYTES, all.length));
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DecryptionException("the key is wrong or the value was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** A secret that cannot be decrypted with this key. */
    public static final class DecryptionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public DecryptionException(String message) {
            super(message);
        }
    }
}
