package dev.converge.engine.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one command accepts: its options and positional parameters, declared in code, parsed by
 * {@link #parse} and shown by {@link #usage}. Declared rather than read from annotations: reflection over
 * a command's fields and annotations at every start cost a small plan more than its own work (see
 * docs/benchmarks.md, "Start-up"). Immutable.
 */
final class CommandSpec {

    private final String name;
    private final String description;
    private final List<OptionSpec> options;
    private final List<ParameterSpec> parameters;

    private CommandSpec(String name, String description, List<OptionSpec> options, List<ParameterSpec> parameters) {
        this.name = name;
        this.description = description;
        this.options = List.copyOf(options);
        this.parameters = List.copyOf(parameters);
    }

    static CommandSpec of(String name, String description) {
        return new CommandSpec(name, description, List.of(), List.of());
    }

    /** With these options added (a command's own, or a group such as {@link CommonOptions#OPTIONS}). */
    CommandSpec with(OptionSpec... more) {
        List<OptionSpec> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new CommandSpec(name, description, all, parameters);
    }

    /** With this positional parameter after those declared before. */
    CommandSpec with(ParameterSpec parameter) {
        List<ParameterSpec> all = new ArrayList<>(parameters);
        all.add(parameter);
        return new CommandSpec(name, description, options, all);
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    List<OptionSpec> options() {
        return options;
    }

    List<ParameterSpec> parameters() {
        return parameters;
    }

    OptionSpec option(String optionName) {
        for (OptionSpec option : options) {
            if (option.name().equals(optionName)) {
                return option;
            }
        }
        List<String> names = new ArrayList<>();
        options.forEach(option -> names.add(option.name()));
        throw new UsageException("Unknown option: '" + optionName + "'", Suggestions.closest(optionName, names));
    }

    /**
     * The arguments after the command's name, checked and converted: options as {@code --name value} or
     * {@code --name=value} anywhere, the rest positional ({@code --} ends the options); with {@code --help}
     * or {@code -h} among them, nothing else is checked.
     *
     * @throws UsageException when they do not fit this command
     */
    Arguments parse(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return Arguments.helpRequested(this);
            }
        }
        Map<String, List<Object>> given = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else {
                i = parseOption(args, i, given);
            }
        }
        for (OptionSpec option : options) {
            if (option.required() && !given.containsKey(option.name())) {
                throw new UsageException("Missing required option: '" + option.synopsis() + "'");
            }
        }
        return new Arguments(this, given, bind(positional));
    }

    /** Parses the option at {@code index} into {@code given}; the index of the last argument it used. */
    private int parseOption(List<String> args, int index, Map<String, List<Object>> given) {
        String arg = args.get(index);
        int equals = arg.indexOf('=');
        OptionSpec option = option(equals < 0 ? arg : arg.substring(0, equals));
        String text;
        int last = index;
        if (equals >= 0) {
            text = arg.substring(equals + 1);
        } else if (option.isFlag()) {
            text = "true";
        } else if (index + 1 < args.size()) {
            last = index + 1;
            text = args.get(last);
        } else {
            throw new UsageException("Missing required parameter for option '" + option.name() + "' ("
                    + option.label() + ")");
        }
        List<Object> values = given.computeIfAbsent(option.name(), key -> new ArrayList<>());
        if (!values.isEmpty() && !option.repeatable()) {
            throw new UsageException("Option '" + option.name() + "' should be specified only once");
        }
        values.add(option.convert(text));
        return last;
    }

    private Map<String, List<String>> bind(List<String> positional) {
        Map<String, List<String>> bound = new LinkedHashMap<>();
        int next = 0;
        for (ParameterSpec parameter : parameters) {
            int end = parameter.many() ? positional.size() : Math.min(next + 1, positional.size());
            if (end == next && !parameter.optional()) {
                throw new UsageException("Missing required parameter: '" + parameter.label() + "'");
            }
            bound.put(parameter.label(), List.copyOf(positional.subList(next, end)));
            next = end;
        }
        if (next < positional.size()) {
            throw new UsageException("Unexpected argument: '" + positional.get(next) + "'");
        }
        return bound;
    }

    /** The usage help of this command, run as {@code path} (such as {@code converge state show}). */
    String usage(String path) {
        StringBuilder text = new StringBuilder("Usage: ").append(path).append(" [OPTIONS]");
        parameters.forEach(parameter -> text.append(' ').append(parameter.synopsis()));
        text.append('\n').append(description).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        parameters.forEach(parameter -> rows.add(new String[] {parameter.label(), parameter.description()}));
        for (OptionSpec option : options) {
            String defaultValue = option.defaultValue() == null ? "" : ", default " + option.defaultValue();
            rows.add(new String[] {option.synopsis(), option.description() + defaultValue});
        }
        rows.add(new String[] {"-h, --help", "show this help"});
        return text.append(Usage.table(rows)).toString();
    }
}
