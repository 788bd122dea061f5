package dev.converge.e2e.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stack left in the Docker daemon, seen from the outside with the {@code docker} command line
 * (so a bug in the provider cannot hide its own leftovers), and removal of it after a failed test.
 */
final class DockerLeftovers {

    private DockerLeftovers() {
    }

    /** The exit code and output of {@code docker args...}. */
    static String[] run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new String[] {String.valueOf(process.waitFor()), output};
        } catch (IOException e) {
            throw new AssertionError("cannot run docker " + String.join(" ", args)
                    + "; install the docker command line and set DOCKER_HOST", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running docker " + String.join(" ", args), e);
        }
    }

    /** Containers, networks, volumes and images labelled with the stack, one line per kind that has any. */
    static List<String> of(String stack) {
        List<String> found = new ArrayList<>();
        for (List<String> list : List.of(List.of("ps", "-aq"), List.of("network", "ls", "-q"),
                List.of("volume", "ls", "-q"), List.of("image", "ls", "-q"))) {
            List<String> args = new ArrayList<>(list);
            args.addAll(List.of("--filter", "label=converge.stack=" + stack));
            String output = run(args.toArray(String[]::new))[1];
            if (!output.isBlank()) {
                found.add(String.join(" ", list) + ": " + output.replace('\n', ' '));
            }
        }
        return found;
    }

    /** Removes everything labelled with the stack: containers first, then networks, volumes, images. */
    static void remove(String stack) {
        String filter = "label=converge.stack=" + stack;
        for (String id : run("ps", "-aq", "--filter", filter)[1].split("\\s+")) {
            if (!id.isBlank()) {
                run("rm", "-f", id);
            }
        }
        for (String kind : List.of("network", "volume", "image")) {
            for (String id : run(kind, "ls", "-q", "--filter", filter)[1].split("\\s+")) {
                if (!id.isBlank()) {
                    run(kind, "rm", "-f", id);
                }
            }
        }
    }
}
