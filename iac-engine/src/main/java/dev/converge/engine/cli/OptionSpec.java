package dev.converge.engine.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One option of a command, such as {@code --stack NAME}: a flag when its kind is {@link Kind#FLAG}, else it
 * takes a value ({@code --stack prod} or {@code --stack=prod}), converted to its kind as it is parsed.
 *
 * @param label what the usage help shows for the value ({@code NAME}); empty for a flag
 * @param defaultValue the value when the option is not given, in its written form; null for none
 */
record OptionSpec(String name, Kind kind, String label, String defaultValue, boolean repeatable, boolean required,
        String description) {

    /** What an option's value is; the parser converts and checks it. */
    enum Kind {
        FLAG, TEXT, INT, LONG, BOOLEAN, DURATION, PATH
    }

    static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, Kind.FLAG, "", null, false, false, description);
    }

    static OptionSpec text(String name, String label, String description) {
        return new OptionSpec(name, Kind.TEXT, label, null, false, false, description);
    }

    static OptionSpec of(String name, Kind kind, String label, String defaultValue, String description) {
        return new OptionSpec(name, kind, label, defaultValue, false, false, description);
    }

    /** The option may be given several times; its values are collected in order. */
    OptionSpec asRepeatable() {
        return new OptionSpec(name, kind, label, defaultValue, true, required, description);
    }

    /** A command cannot run without it. */
    OptionSpec asRequired() {
        return new OptionSpec(name, kind, label, defaultValue, repeatable, true, description);
    }

    boolean isFlag() {
        return kind == Kind.FLAG;
    }

    /** {@code --stack=NAME}, as the usage help and error messages write it. */
    String synopsis() {
        return isFlag() ? name : name + "=" + label;
    }

    /** The value of {@code text} as this option's kind; a usage error naming the option if it is not one. */
    Object convert(String text) {
        try {
            return switch (kind) {
                case FLAG, BOOLEAN -> bool(text);
                case TEXT -> text;
                case INT -> integer(text);
                case LONG -> number(text);
                case DURATION -> Durations.parse(text);
                case PATH -> Path.of(text);
            };
        } catch (InvalidPathException e) {
            throw invalid("'" + text + "' is not a path: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not a boolean: use true or false");
        };
    }

    private static int integer(String text) {
        long value = number(text);
        if (value != (int) value) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return (int) value;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    UsageException invalid(String problem) {
        return new UsageException("Invalid value for option '" + name + "': " + problem);
    }
}
