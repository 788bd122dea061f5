package dev.converge.engine.state;

import dev.converge.engine.ConvergeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where the secrets key comes from: a passphrase ({@code secrets.passphrase} or
 * {@code CONVERGE_SECRETS_PASSPHRASE}) or a file of 32 random bytes ({@code secrets.keyFile} or
 * {@code CONVERGE_SECRETS_KEY_FILE}; raw, base64 or hex). Environment variables override settings; a
 * key file wins over a passphrase when both are set. The environment is the run's (see
 * {@link #from(Map)}), never read here from the process. Immutable.
 */
public final class SecretKeySource {

    public static final String PASSPHRASE_SETTING = "secrets.passphrase";
    public static final String KEY_FILE_SETTING = "secrets.keyFile";
    public static final String PASSPHRASE_ENV = "CONVERGE_SECRETS_PASSPHRASE";
    public static final String KEY_FILE_ENV = "CONVERGE_SECRETS_KEY_FILE";

    static final String HOW_TO = "Set " + PASSPHRASE_ENV + " (or " + PASSPHRASE_SETTING + " in the stack config), or "
            + KEY_FILE_ENV + " (or " + KEY_FILE_SETTING + ") to a file of 32 random bytes, for example made with "
            + "`head -c 32 /dev/urandom > converge.key`.";

    private final String passphrase;
    private final Path keyFile;

    private SecretKeySource(String passphrase, Path keyFile) {
        this.passphrase = passphrase;
        this.keyFile = keyFile;
    }

    /**
     * The key source named by {@code settings} alone. The engine's settings already hold its environment's
     * {@code CONVERGE_SECRETS_*} overrides (the builder's {@code environment(...)}, the process environment
     * by default), so a key that environment leaves out is not taken from the process either.
     */
    public static SecretKeySource from(Map<String, String> settings) {
        return from(settings, Map.of());
    }

    /** The key source named by {@code settings}, overridden by {@code env}. */
    public static SecretKeySource from(Map<String, String> settings, Map<String, String> env) {
        String passphrase = firstNonBlank(env.get(PASSPHRASE_ENV), settings.get(PASSPHRASE_SETTING));
        String keyFile = firstNonBlank(env.get(KEY_FILE_ENV), settings.get(KEY_FILE_SETTING));
        return new SecretKeySource(passphrase, keyFile == null ? null : Path.of(keyFile));
    }

    /** A source with no key: any secret to read or write is an error. */
    public static SecretKeySource none() {
        return new SecretKeySource(null, null);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }

    public boolean isConfigured() {
        return passphrase != null || keyFile != null;
    }

    /**
     * The cipher for a document protected with {@code derivation}.
     *
     * @param where what holds the secrets, for messages (such as {@code state of stack dev})
     * @param writing whether secrets are to be written (the message differs)
     * @throws ConvergeException if no key is configured or the key file is unusable
     */
    public SecretCipher cipher(KeyDerivation derivation, String where, boolean writing) {
        if (keyFile != null) {
            return SecretCipher.ofKey(readKeyFile());
        }
        if (passphrase == null) {
            throw ConvergeException.of("", writing
                    ? where + " has secret values to store, but no secrets key is configured "
                            + "(Converge never stores secrets in plaintext)"
                    : where + " contains encrypted secrets, but no secrets key is configured", HOW_TO);
        }
        if (derivation == null) {
            throw ConvergeException.of("", where + " contains secrets but no key derivation parameters",
                    "The file was edited by hand or damaged; restore it from `converge state history`.");
        }
        return SecretCipher.ofPassphrase(passphrase, derivation);
    }

    private byte[] readKeyFile() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw ConvergeException.of("", "cannot read the secrets key file " + keyFile + ": " + e.getMessage(),
                    "Point " + KEY_FILE_ENV + " or " + KEY_FILE_SETTING + " at a readable file of 32 random bytes.");
        }
        if (raw.length == 32) {
            return raw;
        }
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        try {
            byte[] decoded = text.length() == 64 ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
            if (decoded.length == 32) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw ConvergeException.of("", "the secrets key file " + keyFile + " does not hold a 32-byte key",
                "It must contain exactly 32 bytes, raw or as base64 or hex text; make one with "
                        + "`head -c 32 /dev/urandom > converge.key`.");
    }

    /** Names the key source for messages, never the key: such as {@code passphrase} or {@code key file X}. */
    public String describe() {
        return keyFile != null ? "key file " + keyFile : passphrase != null ? "passphrase" : "no key";
    }
}
