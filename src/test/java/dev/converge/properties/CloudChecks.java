package dev.converge.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.Values;
import dev.converge.testing.FakeProvider.FakeObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The invariants the properties assert, each failing with a message that names what is wrong. */
final class CloudChecks {

    private CloudChecks() {
    }

    /**
     * The fake cloud holds exactly the program's things with exactly the declared values (references
     * resolved against the real objects they point to), and state holds exactly those objects.
     */
    static void assertConverged(Sandbox box, ProgramSpec program) {
        State state = box.state();
        Map<String, FakeObject> cloud = box.fake().cloud();
        Set<String> expectedAddresses = program.things().stream().map(t -> t.address().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> stateAddresses = state.resources().keySet().stream().map(Address::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(stateAddresses).as("addresses in state (deposed objects included)").isEqualTo(expectedAddresses);
        assertThat(new TreeSet<>(cloud.keySet())).as("ids in the fake cloud vs ids in state")
                .isEqualTo(state.resources().values().stream().map(ResourceState::id)
                        .collect(Collectors.toCollection(TreeSet::new)));
        for (Thing thing : program.things()) {
            FakeObject object = cloud.get(state.resource(thing.address()).id());
            Map<String, Object> actual = new HashMap<>(object.inputs());
            Map<String, Object> expected = new HashMap<>(expectedInputs(thing, program, state, cloud));
            if (thing.ignoreTags()) {
                actual.remove("tags"); // ignoreChanges("tags"): whatever was set at creation stays
                expected.remove("tags");
            }
            assertThat(actual).as("inputs of the real object of %s (%s)", thing.address(), object.id())
                    .isEqualTo(expected);
        }
    }

    /** The declared values of {@code thing}, with its reference resolved against the real parent object. */
    static Map<String, Object> expectedInputs(Thing thing, ProgramSpec program, State state, Map<String, FakeObject> cloud) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("value", thing.value());
        inputs.put("size", thing.size());
        inputs.put("key", thing.key());
        if (!thing.tags().isEmpty()) {
            inputs.put("tags", thing.tags());
        }
        program.byUid(thing.refUid()).ifPresent(parent -> {
            FakeObject real = cloud.get(state.resource(parent.address()).id());
            inputs.put("ref", switch (thing.refKind()) {
                case ARN -> "arn:fake:" + real.type() + ":" + real.id();
                case VALUE -> real.inputs().get("value") + "/" + thing.name();
                case ID -> real.id();
            });
        });
        return Values.normalizeMap(inputs);
    }

    /**
     * No leaks: every object in the fake cloud is recorded in state (deposed entries count), and, as
     * faults strike before any change, every object in state exists.
     */
    static void assertNothingLeaked(Sandbox box, State state) {
        Set<String> inState = state.resources().values().stream().map(ResourceState::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, FakeObject> cloud = box.fake().cloud();
        Set<String> leaked = new TreeSet<>(cloud.keySet());
        leaked.removeAll(inState);
        assertThat(leaked).as("objects in the fake cloud that state does not know (leaks): %s",
                leaked.stream().map(id -> id + "@" + cloud.get(id).address()).toList()).isEmpty();
        Set<String> ghosts = new TreeSet<>(inState);
        ghosts.removeAll(cloud.keySet());
        assertThat(ghosts).as("ids in state whose object does not exist").isEmpty();
    }

    /** A plan with no changes: nothing to add, change, destroy, move or import. */
    static void assertEmpty(Plan plan, String when) {
        assertThat(plan.actions()).as("changes planned %s", when).isEmpty();
        assertThat(plan.hasChanges()).as("plan has changes %s", when).isFalse();
    }

    static boolean hasKind(Plan plan, Change.Kind kind) {
        return plan.changes().stream().anyMatch(change -> change.kind() == kind);
    }
}
