package dev.converge.examples.erlbank.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The docker command line, for checking what the program made from the outside. */
final class DockerCli {

    record Result(int exitCode, String output) {
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output.strip());
        } catch (IOException e) {
            throw new AssertionError("cannot run docker " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Container id per resource address, for the running containers of a stack. */
    Map<String, String> containerIds(String stack) {
        Map<String, String> ids = new LinkedHashMap<>();
        String listing = run("ps", "--filter", "label=converge.stack=" + stack, "--format",
                "{{.Label \"converge.address\"}} {{.ID}}").output();
        for (String line : listing.split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2) {
                ids.put(parts[0], parts[1]);
            }
        }
        return ids;
    }

    int publishedPort(String stack, String address, int port) {
        String id = containerIds(stack).get(address);
        String mapping = run("port", id, port + "/tcp").output().split("\n")[0];
        return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).strip());
    }

    /** Every container, network, volume and image that carries the stack's label. */
    List<String> labelled(String stack) {
        List<String> found = new ArrayList<>();
        String filter = "label=converge.stack=" + stack;
        for (List<String> list : List.of(List.of("ps", "-aq"), List.of("network", "ls", "-q"),
                List.of("volume", "ls", "-q"), List.of("image", "ls", "-q"))) {
            List<String> args = new ArrayList<>(list);
            args.addAll(List.of("--filter", filter));
            String output = run(args.toArray(String[]::new)).output();
            if (!output.isBlank()) {
                found.add(String.join(" ", list) + ": " + output.replace('\n', ' '));
            }
        }
        return found;
    }

    /** Removes what a failed test left behind. */
    void removeByLabel(String stack) {
        String filter = "label=converge.stack=" + stack;
        for (String id : run("ps", "-aq", "--filter", filter).output().split("\\s+")) {
            if (!id.isBlank()) {
                run("rm", "-f", id);
            }
        }
        for (String kind : List.of("network", "volume", "image")) {
            for (String id : run(kind, "ls", "-q", "--filter", filter).output().split("\\s+")) {
                if (!id.isBlank()) {
                    run(kind, "rm", "-f", id);
                }
            }
        }
    }
}
