package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.testing.RequiredServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubectl that scripts/k8s builds (in {@code ~/.cache/converge/k8s/bin}, else the one on the PATH), run
 * against the cluster of {@code KUBECONFIG}: integration tests make the objects "someone else" made with it.
 */
final class Kubectl {

    private Kubectl() {
    }

    /** Runs {@code kubectl args}; fails the test naming the command and its output unless it exits 0. */
    static String run(String... args) {
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "converge", "k8s", "bin", "kubectl");
        List<String> command = new ArrayList<>(List.of(Files.isExecutable(cached) ? cached.toString() : "kubectl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", RequiredServer.KUBERNETES.value());
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
            return out.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
