package dev.converge.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed arguments of one command: its options' values (converted, with defaults) and its positional
 * parameters. Asking for an option or parameter the command does not declare is a bug and throws
 * {@link IllegalArgumentException}. Immutable.
 */
final class Arguments {

    private final CommandSpec spec;
    private final Map<String, List<Object>> given;
    private final Map<String, List<String>> parameters;
    private final boolean help;

    Arguments(CommandSpec spec, Map<String, List<Object>> given, Map<String, List<String>> parameters) {
        this(spec, given, parameters, false);
    }

    private Arguments(CommandSpec spec, Map<String, List<Object>> given, Map<String, List<String>> parameters,
            boolean help) {
        this.spec = spec;
        this.given = Map.copyOf(given);
        this.parameters = Map.copyOf(parameters);
        this.help = help;
    }

    /** {@code --help} was among the arguments: the command prints its usage instead of running. */
    static Arguments helpRequested(CommandSpec spec) {
        return new Arguments(spec, Map.of(), Map.of(), true);
    }

    boolean helpRequested() {
        return help;
    }

    boolean flag(String name) {
        return value(name, Boolean.class);
    }

    /** The option's value (the last one given, else its default), or null when it has neither. */
    <T> T value(String name, Class<T> type) {
        OptionSpec option = declared(name);
        List<Object> values = given.get(name);
        if (values != null) {
            return type.cast(values.get(values.size() - 1));
        }
        if (option.defaultValue() != null) {
            return type.cast(option.convert(option.defaultValue()));
        }
        return option.isFlag() ? type.cast(Boolean.FALSE) : null;
    }

    /** Every value given to a repeatable option, in order. */
    <T> List<T> values(String name, Class<T> type) {
        declared(name);
        List<T> values = new ArrayList<>();
        for (Object value : given.getOrDefault(name, List.of())) {
            values.add(type.cast(value));
        }
        return values;
    }

    /** The positional parameter's value, or null when an optional one was not given. */
    String parameter(String label) {
        List<String> values = parameters(label);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The values of a positional parameter that takes several. */
    List<String> parameters(String label) {
        for (ParameterSpec parameter : spec.parameters()) {
            if (parameter.label().equals(label)) {
                return parameters.getOrDefault(label, List.of());
            }
        }
        throw new IllegalArgumentException("command " + spec.name() + " declares no parameter " + label);
    }

    private OptionSpec declared(String name) {
        for (OptionSpec option : spec.options()) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        throw new IllegalArgumentException("command " + spec.name() + " declares no option " + name);
    }
}
