package dev.converge.testing;

import dev.converge.api.Secret;
import dev.converge.engine.plan.Change;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the change planned for one resource; {@link #and()} returns to the plan. Property
 * matchers read the planned values (after the change; before it for a delete). Expected numbers may
 * be ints: values are compared after {@link Values#normalize}.
 */
public final class ChangeAssert extends AbstractAssert<ChangeAssert, Change> {

    private final PlanAssert plan;

    ChangeAssert(PlanAssert plan, Change change) {
        super(change, ChangeAssert.class);
        this.plan = plan;
    }

    /** Back to the whole plan. */
    public PlanAssert and() {
        return plan;
    }

    public ChangeAssert isA(Change.Kind kind) {
        if (actual.kind() != kind) {
            failWithMessage("expected %s to be a %s but it is a %s", actual.address(), kind, actual.kind());
        }
        return this;
    }

    public ChangeAssert hasType(String type) {
        if (!actual.type().equals(type)) {
            failWithMessage("expected %s to be of type %s but it is %s", actual.address(), type, actual.type());
        }
        return this;
    }

    /**
     * The property has this value. A secret property matches its revealed value (use
     * {@link #hasSecretProperty} to check it is secret).
     */
    public ChangeAssert hasProperty(String key, Object expected) {
        Object value = property(key);
        Object plain = value instanceof Secret secret ? secret.reveal() : value;
        if (!Objects.equals(Values.normalize(expected), plain)) {
            failWithMessage("expected %s.%s to be <%s> but it is <%s>", actual.address(), key, expected, value);
        }
        return this;
    }

    /** The map property {@code key} has the entry {@code entryKey=expected}, such as an env variable. */
    public ChangeAssert hasEntry(String key, String entryKey, Object expected) {
        Object value = property(key);
        if (!(value instanceof Map<?, ?> map) || !Objects.equals(Values.normalize(expected), reveal(map.get(entryKey)))) {
            failWithMessage("expected %s.%s to have entry %s=<%s> but it is <%s>", actual.address(), key, entryKey,
                    expected, value);
        }
        return this;
    }

    public ChangeAssert hasPropertySatisfying(String key, Consumer<Object> requirement) {
        requirement.accept(property(key));
        return this;
    }

    public ChangeAssert doesNotHaveProperty(String key) {
        Map<String, Object> properties = properties();
        if (properties.containsKey(key)) {
            failWithMessage("expected %s to have no %s but it is <%s>", actual.address(), key, properties.get(key));
        }
        return this;
    }

    /** The property's value is known only after apply (it depends on another resource's output). */
    public ChangeAssert hasUnknownProperty(String key) {
        if (!Values.containsUnknown(property(key))) {
            failWithMessage("expected %s.%s to be known only after apply but it is <%s>", actual.address(), key,
                    property(key));
        }
        return this;
    }

    public ChangeAssert hasSecretProperty(String key) {
        if (!(property(key) instanceof Secret)) {
            failWithMessage("expected %s.%s to be secret but it is plain", actual.address(), key);
        }
        return this;
    }

    /** An update or replacement changes exactly these properties (in any order). */
    public ChangeAssert changesOnly(String... keys) {
        List<String> changed = diffs().stream().map(PropertyDiff::path).sorted().toList();
        List<String> expected = java.util.Arrays.stream(keys).sorted().toList();
        if (!changed.equals(expected)) {
            failWithMessage("expected %s to change %s but it changes %s", actual.address(), expected, changed);
        }
        return this;
    }

    private List<PropertyDiff> diffs() {
        if (actual instanceof Change.Update update) {
            return update.diffs();
        }
        if (actual instanceof Change.Replace replace) {
            return replace.diffs();
        }
        failWithMessage("expected %s to be an update or replacement but it is a %s", actual.address(), actual.kind());
        return List.of();
    }

    private Object property(String key) {
        Map<String, Object> properties = properties();
        if (!properties.containsKey(key)) {
            failWithMessage("expected %s to have property %s but it has only %s", actual.address(), key,
                    properties.keySet());
        }
        return properties.get(key);
    }

    private Map<String, Object> properties() {
        return switch (actual.kind()) {
            case CREATE -> ((Change.Create) actual).after();
            case UPDATE -> ((Change.Update) actual).after();
            case REPLACE -> ((Change.Replace) actual).after();
            case DELETE -> ((Change.Delete) actual).before();
            case READ, IMPORT, MOVE, NO_OP -> {
                failWithMessage("%s is a %s: the plan holds no properties for it", actual.address(), actual.kind());
                yield Map.of();
            }
        };
    }

    private static Object reveal(Object value) {
        return value instanceof Secret secret ? secret.reveal() : value;
    }
}
