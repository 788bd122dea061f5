package dev.converge.operator.runner;

import dev.converge.api.Program;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Makes the {@link Program} a Stack names: a public class on the image's class path with a public
 * constructor taking {@code String[]} (given the Stack's {@code program.args}) or none (then the Stack may
 * give no arguments). Failures are {@link BadProgram}s whose message names the class and the fix.
 */
final class ProgramLoader {

    /** The class cannot be made into a program; nothing was run. */
    static final class BadProgram extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadProgram(String message) {
            super(message);
        }
    }

    private ProgramLoader() {
    }

    static Program load(String className, List<String> args, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BadProgram("program class " + className + " is not in the image: check spec.program.class"
                    + " and that the image holds your program's jar in /opt/converge/program (" + e + ")");
        }
        if (!Program.class.isAssignableFrom(type)) {
            throw new BadProgram("program class " + className + " does not implement dev.converge.api.Program:"
                    + " name your Program class in spec.program.class");
        }
        return instantiate(type.asSubclass(Program.class), args);
    }

    private static Program instantiate(Class<? extends Program> type, List<String> args) {
        try {
            Constructor<? extends Program> withArgs = find(type, true);
            if (withArgs != null) {
                return withArgs.newInstance((Object) args.toArray(String[]::new));
            }
            Constructor<? extends Program> plain = find(type, false);
            if (plain == null) {
                throw new BadProgram("program class " + type.getName() + " has no public constructor taking "
                        + "String[] or nothing: add one");
            }
            if (!args.isEmpty()) {
                throw new BadProgram("spec.program.args are given, but " + type.getName() + " has no public "
                        + "constructor taking String[]: add one, or remove the args");
            }
            return plain.newInstance();
        } catch (InvocationTargetException e) {
            throw new BadProgram("the constructor of program class " + type.getName() + " failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BadProgram("program class " + type.getName() + " cannot be made: " + e);
        }
    }

    private static Constructor<? extends Program> find(Class<? extends Program> type, boolean withArgs) {
        try {
            return withArgs ? type.getConstructor(String[].class) : type.getConstructor();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
