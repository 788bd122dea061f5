package dev.converge.e2e.pods;

import dev.converge.engine.Converge;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@code apply} of a replica-ratio canary ({@link PodsService}) in its own JVM, so a test can SIGKILL it
 * between the canary's steps. Arguments: working directory (with the stack's configuration), stack, version,
 * pause per step in milliseconds, replicas.
 */
public final class PodsDeployMain {

    private PodsDeployMain() {
    }

    public static void main(String[] args) {
        PodsService program = PodsService.canary(args[2], Duration.ofMillis(Long.parseLong(args[3])))
                .replicas(Integer.parseInt(args[4]));
        System.exit(Converge.builder(program).workDir(Path.of(args[0])).build()
                .run("apply", "--auto-approve", "--stack", args[1]));
    }
}
