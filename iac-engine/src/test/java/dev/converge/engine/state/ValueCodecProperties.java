package dev.converge.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any plain value, with secrets, unknowns and {@code $} keys at any depth, survives a round trip. */
class ValueCodecProperties {

    private static final ValueCodec CODEC = ValueCodec.of("property", SecretKeySource.from(
            Map.of(SecretKeySource.PASSPHRASE_SETTING, "p"), Map.of()),
            new KeyDerivation(KeyDerivation.PBKDF2, 1_000, "AAAAAAAAAAAAAAAAAAAAAA=="));

    @Property(tries = 300)
    void roundTripIsExact(@ForAll("values") Object value) {
        assertThat(CODEC.fromBytes(CODEC.toBytes(value))).isEqualTo(value);
    }

    @Property(tries = 100)
    void encodingDoesNotDependOnMapOrder(@ForAll("maps") Map<String, Object> map) {
        java.util.List<Map.Entry<String, Object>> entries = new java.util.ArrayList<>(map.entrySet());
        java.util.Collections.reverse(entries);
        Map<String, Object> reversed = new java.util.LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        assertThat(CODEC.toBytes(reversed)).isEqualTo(CODEC.toBytes(map));
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    @Provide
    Arbitrary<Map<String, Object>> maps() {
        return Arbitraries.maps(keys(), scalars()).ofMaxSize(6);
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("$secret", "$unknown", "$$x", "$"));
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null), Arbitraries.just(Unknown.INSTANCE));
    }

    private static Arbitrary<Object> value(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalars()),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(keys(), inner).ofMaxSize(4).map(m -> (Object) m)),
                net.jqwik.api.Tuple.of(1, inner.filter(v -> v != null).map(Secret::of).map(s -> (Object) s)));
    }
}
