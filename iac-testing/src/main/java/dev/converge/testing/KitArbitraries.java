package dev.converge.testing;

import dev.converge.api.Program;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries of stack configurations and program variants, to feed the ready-made
 * properties of {@link KitProperties}:
 * <pre>{@code
 * @Provide Arbitrary<Variant> variants() {
 *     return KitArbitraries.variants(new Erlbank(), KitArbitraries.configs(Map.of(
 *             "accounts.version", Arbitraries.of("1.0", "1.1"), "log.level", Arbitraries.of("info", "debug"))));
 * }
 * }</pre>
 */
public final class KitArbitraries {

    private KitArbitraries() {
    }

    /** Configurations with every key set, each from its own arbitrary. */
    public static Arbitrary<Map<String, String>> configs(Map<String, Arbitrary<String>> keys) {
        return configs(keys, Map.of());
    }

    /** Configurations with every required key set and each optional key present or absent. */
    public static Arbitrary<Map<String, String>> configs(Map<String, Arbitrary<String>> required,
            Map<String, Arbitrary<String>> optional) {
        List<String> names = new ArrayList<>();
        List<Arbitrary<String>> values = new ArrayList<>();
        new TreeMap<>(required).forEach((key, arbitrary) -> {
            names.add(key);
            values.add(arbitrary);
        });
        new TreeMap<>(optional).forEach((key, arbitrary) -> {
            names.add(key);
            values.add(arbitrary.injectNull(0.3));
        });
        if (names.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        return Combinators.combine(values).as(chosen -> {
            Map<String, String> config = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (chosen.get(i) != null) {
                    config.put(names.get(i), chosen.get(i));
                }
            }
            return config;
        });
    }

    /** The program with each generated configuration. */
    public static Arbitrary<Variant> variants(Program program, Arbitrary<Map<String, String>> configs) {
        return configs.map(config -> Variant.of(program, config));
    }

    /**
     * Any of several programs (such as feature-flagged versions of one stack), each with each
     * generated configuration; programs are labelled by their key.
     */
    public static Arbitrary<Variant> variants(Map<String, Program> programs, Arbitrary<Map<String, String>> configs) {
        List<String> labels = new ArrayList<>(new TreeMap<>(programs).keySet());
        return Combinators.combine(Arbitraries.of(labels), configs)
                .as((label, config) -> new Variant(label, programs.get(label), config));
    }

    /** Sequences of 1 to {@code maxLength} variants: histories of applies that lead to a prior state. */
    public static Arbitrary<List<Variant>> histories(Arbitrary<Variant> variants, int maxLength) {
        return variants.list().ofMinSize(1).ofMaxSize(maxLength);
    }
}
