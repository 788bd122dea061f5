package dev.converge.engine.cli;

/**
 * A positional parameter of a command, such as {@code ADDRESS}.
 *
 * @param label the name the usage help and error messages show
 * @param optional whether the command runs without it
 * @param many whether it takes every remaining argument (one at least unless optional)
 */
record ParameterSpec(String label, boolean optional, boolean many, String description) {

    static ParameterSpec required(String label, String description) {
        return new ParameterSpec(label, false, false, description);
    }

    static ParameterSpec optional(String label, String description) {
        return new ParameterSpec(label, true, false, description);
    }

    /** One or more values. */
    static ParameterSpec many(String label, String description) {
        return new ParameterSpec(label, false, true, description);
    }

    /** {@code ADDRESS}, {@code [PLANFILE]} or {@code ADDRESS...}, as the usage line writes it. */
    String synopsis() {
        String one = many ? label + "..." : label;
        return optional ? "[" + one + "]" : one;
    }
}
