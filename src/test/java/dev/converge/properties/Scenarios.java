package dev.converge.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generated inputs of the properties. Each is built deterministically from a seed and a size that
 * jqwik generates (and shrinks), and prints the programs it stands for, so a failure is reproducible
 * from the report alone.
 */
final class Scenarios {

    private Scenarios() {
    }

    /** Half small programs, half of 30 to 40 things (the fuzzing brief asks for at least 30). */
    static Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(1, 15)),
                Tuple.of(1, Arbitraries.integers().between(30, 40)));
    }

    /** One random program. */
    record Single(long seed, ProgramSpec program) {
        static Arbitrary<Single> arbitrary() {
            return Combinators.combine(Arbitraries.longs(), sizes())
                    .as((seed, size) -> new Single(seed, new Programs(new Random(seed)).random(size)));
        }

        @Override
        public String toString() {
            return "new Programs(new Random(" + seed + "L)).random(" + program.size() + "):\n" + program;
        }
    }

    /**
     * Programs applied one after the other to build a stored state, then the target program: each a
     * random next version of the one before.
     */
    record History(long seed, List<ProgramSpec> priors, ProgramSpec target) {
        static Arbitrary<History> arbitrary() {
            return Combinators.combine(Arbitraries.longs(), sizes(), Arbitraries.integers().between(1, 2))
                    .as(History::generate);
        }

        static History generate(long seed, int size, int priorCount) {
            Programs programs = new Programs(new Random(seed));
            List<ProgramSpec> priors = new ArrayList<>();
            ProgramSpec current = programs.random(size);
            priors.add(current);
            for (int generation = 1; generation < priorCount; generation++) {
                current = programs.mutate(current, generation, 5);
                priors.add(current);
            }
            return new History(seed, priors, programs.mutate(current, priorCount, 5));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Scenarios.History.generate(" + seed + "L, " + priors.get(0).size()
                    + ", " + priors.size() + "):\n");
            for (int i = 0; i < priors.size(); i++) {
                text.append("prior program ").append(i + 1).append(":\n").append(priors.get(i)).append('\n');
            }
            return text.append("target program:\n").append(target).toString();
        }
    }

    /** What the faulty run does. */
    enum Operation {
        APPLY, TARGETED_APPLY, DESTROY, REFRESH
    }

    /**
     * A stored state from {@code prior}, then one {@code operation} towards {@code target} while the
     * provider fails each change with {@code faultProbability} (reproducibly for {@code faultSeed}).
     */
    record Faulty(long seed, ProgramSpec prior, ProgramSpec target, Operation operation, double faultProbability,
            long faultSeed, String targetAddress, int parallelism) {

        static Arbitrary<Faulty> arbitrary() {
            Arbitrary<Operation> operations = Arbitraries.frequency(Tuple.of(6, Operation.APPLY),
                    Tuple.of(2, Operation.TARGETED_APPLY), Tuple.of(2, Operation.DESTROY), Tuple.of(1, Operation.REFRESH));
            Arbitrary<Double> probabilities = Arbitraries.of(0.1, 0.2, 0.3);
            return Combinators.combine(Arbitraries.longs(), sizes(), operations, probabilities)
                    .as(Faulty::generate);
        }

        static Faulty generate(long seed, int size, Operation operation, double probability) {
            Random random = new Random(seed);
            Programs programs = new Programs(random);
            ProgramSpec prior = programs.random(size);
            ProgramSpec target = programs.mutate(prior, 1, 5);
            String address = target.things().isEmpty() ? null
                    : target.things().get(random.nextInt(target.size())).address().toString();
            // With one worker the order of provider calls, and so which calls fail, is exactly reproducible.
            int parallelism = random.nextBoolean() ? 1 : 16;
            return new Faulty(seed, prior, target, operation, probability, random.nextLong(), address, parallelism);
        }

        String[] arguments() {
            String workers = String.valueOf(parallelism);
            return switch (operation) {
                case APPLY -> new String[] {"apply", "--auto-approve", "--parallelism", workers};
                case TARGETED_APPLY -> targetAddress == null
                        ? new String[] {"apply", "--auto-approve", "--parallelism", workers}
                        : new String[] {"apply", "--auto-approve", "--parallelism", workers, "--target", targetAddress};
                case DESTROY -> new String[] {"destroy", "--auto-approve", "--parallelism", workers};
                case REFRESH -> new String[] {"refresh", "--parallelism", workers};
            };
        }

        @Override
        public String toString() {
            return "Scenarios.Faulty.generate(" + seed + "L, " + prior.size() + ", " + operation + ", " + faultProbability
                    + "): `" + String.join(" ", arguments()) + "` with fault probability "
                    + faultProbability + " (fault seed " + faultSeed + ")\nprior program:\n" + prior
                    + "\ntarget program:\n" + target;
        }
    }
}
