package dev.converge.deploy;

import dev.converge.engine.Converge;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@code apply} of a canary {@link DeployProgram} in its own JVM, so a test can SIGKILL it between
 * the canary's steps. Arguments: working directory, stack, version, pause per step in milliseconds.
 */
public final class DeployMain {

    private DeployMain() {
    }

    public static void main(String[] args) {
        DeployProgram program = DeployProgram.of("canary", args[2])
                .canary(c -> c.steps(10, 50, 100).stepPause(Duration.ofMillis(Long.parseLong(args[3]))));
        System.exit(Converge.builder(program).workDir(Path.of(args[0])).build()
                .run("apply", "--auto-approve", "--stack", args[1]));
    }
}
