package dev.converge.properties;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates random programs and random next versions of them (values changed, keys changed so that
 * things are replaced, things dropped, renamed with aliases, moved between components, options
 * toggled, references re-pointed, things added). Deterministic for a given {@link Random}.
 */
final class Programs {

    private static final String[] VALUES = {"a", "b", "c", "blue", "green"};
    private static final String[] KEYS = {"k1", "k2", "k3"};
    private static final String[] GROUPS = {null, null, null, "net", "app"};

    private final Random random;

    Programs(Random random) {
        this.random = random;
    }

    /** A program of {@code size} new things. */
    ProgramSpec random(int size) {
        List<Thing> things = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            things.add(newThing(i, things));
        }
        return new ProgramSpec(things);
    }

    /**
     * The next version of {@code prior}: every thing may change, be dropped or renamed; up to
     * {@code maxAdditions} things are added at random places. {@code generation} makes new names unique.
     */
    ProgramSpec mutate(ProgramSpec prior, int generation, int maxAdditions) {
        Map<Integer, Integer> droppedTo = new HashMap<>();
        List<Thing> kept = new ArrayList<>();
        for (Thing thing : prior.things()) {
            if (chance(0.12)) {
                droppedTo.put(thing.uid(), resolve(thing.refUid(), droppedTo));
                continue;
            }
            Thing next = change(thing.withoutAliases(), generation, kept);
            Integer ref = resolve(next.refUid(), droppedTo);
            Integer dependsOn = resolve(next.dependsOnUid(), droppedTo);
            kept.add(next.withRef(ref, next.refKind()).withDependsOn(dependsOn));
        }
        int nextUid = prior.things().stream().mapToInt(Thing::uid).max().orElse(-1) + 1;
        int additions = random.nextInt(maxAdditions + 1);
        for (int i = 0; i < additions; i++) {
            int position = random.nextInt(kept.size() + 1);
            kept.add(position, newThing(nextUid++, kept.subList(0, position)));
        }
        return new ProgramSpec(kept);
    }

    /** A dropped thing's dependents now refer to what it referred to (or to nothing). */
    private static Integer resolve(Integer uid, Map<Integer, Integer> droppedTo) {
        Integer current = uid;
        while (current != null && droppedTo.containsKey(current)) {
            current = droppedTo.get(current);
        }
        return current;
    }

    private Thing change(Thing thing, int generation, List<Thing> earlier) {
        Thing next = thing;
        if (chance(0.25)) {
            next = next.withValue(pick(VALUES) + (chance(0.3) ? generation : ""));
        }
        if (chance(0.15)) {
            next = next.withSize(random.nextInt(4));
        }
        if (chance(0.10)) {
            next = next.withTags(tags());
        }
        if (chance(0.10)) {
            next = next.withKey(pick(KEYS) + "-g" + generation);
        }
        if (chance(0.08)) {
            next = next.withOptions(order(), chance(0.15), chance(0.15), chance(0.15));
        }
        if (chance(0.08) && !earlier.isEmpty()) {
            next = next.withRef(earlier.get(random.nextInt(earlier.size())).uid(), refKind());
        }
        if (chance(0.12)) {
            String group = chance(0.3) ? pick(GROUPS) : next.group();
            next = next.renamed("t" + next.uid() + "-g" + generation, group);
        }
        return next;
    }

    private Thing newThing(int uid, List<Thing> earlier) {
        Integer ref = null;
        Thing.RefKind kind = Thing.RefKind.ARN;
        if (!earlier.isEmpty() && chance(0.7)) {
            int index = chance(0.5) ? Math.max(0, earlier.size() - 1 - random.nextInt(3)) : random.nextInt(earlier.size());
            ref = earlier.get(index).uid();
            kind = refKind();
        }
        Integer dependsOn = !earlier.isEmpty() && chance(0.15) ? earlier.get(random.nextInt(earlier.size())).uid() : null;
        return new Thing(uid, "t" + uid, pick(GROUPS), pick(VALUES), random.nextInt(4), pick(KEYS),
                chance(0.4) ? tags() : Map.of(), ref, kind, dependsOn, order(), chance(0.1), chance(0.1), chance(0.1),
                List.of());
    }

    private Map<String, String> tags() {
        return chance(0.5) ? Map.of("env", chance(0.5) ? "dev" : "prod") : Map.of("env", "dev", "team", pick(VALUES));
    }

    private Thing.RefKind refKind() {
        double roll = random.nextDouble();
        return roll < 0.5 ? Thing.RefKind.ARN : roll < 0.8 ? Thing.RefKind.VALUE : Thing.RefKind.ID;
    }

    private Thing.Order order() {
        double roll = random.nextDouble();
        return roll < 0.6 ? Thing.Order.DEFAULT : roll < 0.8 ? Thing.Order.DELETE_BEFORE_CREATE
                : Thing.Order.CREATE_BEFORE_DELETE;
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
