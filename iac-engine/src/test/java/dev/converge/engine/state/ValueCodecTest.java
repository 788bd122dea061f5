package dev.converge.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.engine.ConvergeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private static final KeyDerivation KDF = new KeyDerivation(KeyDerivation.PBKDF2, 1_000, "c2FsdHNhbHRzYWx0c2FsdA==");

    private static ValueCodec codec(String passphrase) {
        return ValueCodec.of("test", SecretKeySource.from(Map.of(SecretKeySource.PASSPHRASE_SETTING, passphrase), Map.of()),
                KDF);
    }

    @Test
    void plainValuesRoundTripUnchanged() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "héllo \"quoted\"\n");
        value.put("long", 42L);
        value.put("big", Long.MAX_VALUE);
        value.put("double", 1.5);
        value.put("flag", true);
        value.put("none", null);
        value.put("list", List.of(1L, "two", List.of(3.0)));
        value.put("map", Map.of("$secret", "not a secret", "$$x", 1L));
        value.put("unknown", Unknown.INSTANCE);
        ValueCodec codec = codec("pw");
        assertThat(codec.fromBytes(codec.toBytes(value))).isEqualTo(value);
    }

    @Test
    void mapKeysAreWrittenSortedSoOutputIsDeterministic() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", 1L);
        first.put("a", 2L);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", 2L);
        second.put("b", 1L);
        ValueCodec codec = codec("pw");
        assertThat(codec.toBytes(first)).isEqualTo(codec.toBytes(second));
        assertThat(new String(codec.toBytes(first), StandardCharsets.UTF_8)).isEqualTo("{\"a\":2,\"b\":1}");
    }

    @Test
    void secretsAreEncryptedWithAFreshNonceAndDecryptToTheSameValue() {
        ValueCodec codec = codec("pw");
        Secret secret = Secret.of(Map.of("password", "canary-7f3a", "port", 5432L));
        byte[] once = codec.toBytes(secret);
        byte[] twice = codec.toBytes(secret);
        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(once, StandardCharsets.UTF_8)).startsWith("{\"$secret\":\"").doesNotContain("canary");
        assertThat(codec.fromBytes(once)).isEqualTo(secret);
    }

    @Test
    void wrongPassphraseIsAClearError() {
        byte[] sealed = codec("right").toBytes(Secret.of("value"));
        assertThatThrownBy(() -> codec("wrong").fromBytes(sealed))
                .isInstanceOf(ConvergeException.class)
                .hasMessageContaining("cannot decrypt the secrets in test")
                .hasMessageContaining("key is wrong");
    }

    @Test
    void missingKeyIsAClearErrorForReadingAndWriting() {
        byte[] sealed = codec("pw").toBytes(Secret.of("value"));
        ValueCodec noKey = ValueCodec.of("the state", SecretKeySource.none(), KDF);
        assertThatThrownBy(() -> noKey.fromBytes(sealed))
                .isInstanceOf(ConvergeException.class)
                .hasMessageContaining("contains encrypted secrets, but no secrets key is configured")
                .hasMessageContaining(SecretKeySource.PASSPHRASE_ENV);
        ValueCodec noKeyWriting = ValueCodec.of("the state",
                () -> SecretKeySource.none().cipher(KDF, "the state", true));
        assertThatThrownBy(() -> noKeyWriting.toBytes(Map.of("pw", Secret.of("x"))))
                .isInstanceOf(ConvergeException.class)
                .hasMessageContaining("never stores secrets in plaintext");
    }

    @Test
    void valuesWithoutSecretsNeedNoKey() {
        ValueCodec noKey = ValueCodec.of("the state", SecretKeySource.none(), KDF);
        assertThat(noKey.fromBytes(noKey.toBytes(Map.of("a", 1L)))).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void keyFileMayBeRawBase64OrHex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        java.nio.file.Path raw = java.nio.file.Files.write(dir.resolve("raw.key"), key);
        java.nio.file.Path b64 = java.nio.file.Files.writeString(dir.resolve("b64.key"),
                java.util.Base64.getEncoder().encodeToString(key) + "\n");
        java.nio.file.Path hex = java.nio.file.Files.writeString(dir.resolve("hex.key"),
                java.util.HexFormat.of().formatHex(key));
        byte[] sealed = keyFileCodec(raw).toBytes(Secret.of("v"));
        assertThat(keyFileCodec(b64).fromBytes(sealed)).isEqualTo(Secret.of("v"));
        assertThat(keyFileCodec(hex).fromBytes(sealed)).isEqualTo(Secret.of("v"));
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.key"), "short");
        assertThatThrownBy(() -> keyFileCodec(bad).toBytes(Secret.of("v")))
                .isInstanceOf(ConvergeException.class).hasMessageContaining("does not hold a 32-byte key");
    }

    private static ValueCodec keyFileCodec(java.nio.file.Path file) {
        return ValueCodec.of("test", SecretKeySource.from(Map.of(), Map.of(SecretKeySource.KEY_FILE_ENV, file.toString())),
                KDF);
    }

    @Test
    void environmentOverridesSettings() {
        SecretKeySource source = SecretKeySource.from(Map.of(SecretKeySource.PASSPHRASE_SETTING, "setting"),
                Map.of(SecretKeySource.PASSPHRASE_ENV, "env"));
        byte[] sealed = ValueCodec.of("t", source, KDF).toBytes(Secret.of("v"));
        assertThat(codec("env").fromBytes(sealed)).isEqualTo(Secret.of("v"));
    }
}
