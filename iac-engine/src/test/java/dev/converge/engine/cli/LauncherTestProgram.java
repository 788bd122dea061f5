package dev.converge.engine.cli;

/** The program {@link LauncherTest} launches: prints its first argument, exits with its second. */
public final class LauncherTestProgram {

    private LauncherTestProgram() {
    }

    public static void main(String[] args) {
        System.out.println(args[0]);
        System.exit(Integer.parseInt(args[1]));
    }
}
