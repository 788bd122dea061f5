package dev.converge.engine.automation;

import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Records a release after every apply that changed something: the serial it wrote, the time, the
 * program's git commit (when the working directory is a git checkout), who ran it, the outcome, and per
 * service (every container, built image and strategy) its image and a hash of its configuration.
 */
final class Releases {

    private Releases() {
    }

    /**
     * Builds the release of {@code committed} (the state just written by {@code pipeline}'s stack) and appends
     * it to the stack's release log.
     *
     * @param ok whether the operation succeeded (every resource, verifications included)
     */
    static Optional<Release> record(Pipeline pipeline, State committed, boolean ok, String operation,
            long rollbackTo) {
        if (!pipeline.settings().releaseLog()) {
            return Optional.empty();
        }
        Path workDir = pipeline.settings().workDir();
        String[] commit = gitCommit(workDir);
        String user = pipeline.settings().environment().getOrDefault("USER", System.getProperty("user.name", "unknown"));
        Release release = new Release(committed.serial(), System.currentTimeMillis(), commit[0],
                commit[1].isEmpty() ? 0 : Long.parseLong(commit[1]) * 1000, user, operation,
                ok ? "ok" : "failed", rollbackTo, services(committed));
        log(pipeline).append(release);
        return Optional.of(release);
    }

    /** The release log of {@code pipeline}'s stack. */
    static ReleaseLog log(Pipeline pipeline) {
        return new ReleaseLog(pipeline.settings().workDir(), pipeline.settings().stack());
    }

    /**
     * Refuses an apply of the unchanged program over a stack a rollback pinned (see
     * {@link Rollback#checkPin}); {@code unpin} removes the pin.
     */
    static void checkPin(Pipeline pipeline, boolean unpin) {
        if (!pipeline.settings().releaseLog()) {
            return;
        }
        ReleaseLog log = log(pipeline);
        if (log.pin().isPresent()) {
            Rollback.checkPin(log, pipeline.graph(), unpin);
        }
    }

    /** The released services of a state: containers and strategy-managed services, by address. */
    static Map<String, Release.Service> services(State state) {
        Map<String, Release.Service> services = new TreeMap<>();
        for (ResourceState resource : state.resources().values()) {
            Map<String, Object> inputs = Values.revealMap(resource.inputs());
            Object image = inputs.get("image");
            if (resource.type().startsWith("deploy:")) {
                image = Values.mapOf(inputs, "template").get("image");
            } else if (!resource.type().endsWith(":Container") && !resource.type().endsWith(":Image")) {
                continue;
            }
            services.put(resource.address().toString(), new Release.Service(String.valueOf(image), hash(inputs)));
        }
        return services;
    }

    static String hash(Map<String, Object> inputs) {
        try {
            String canonical = ReleaseLog.json().writeValueAsString(sorted(inputs));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a configuration", e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key), sorted(item)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(Releases::sorted).toList();
        }
        return value;
    }

    /** The program's git commit in {@code workDir}, or empty when it is no git checkout. */
    static String currentCommit(Path workDir) {
        return gitCommit(workDir)[0];
    }

    /** {commit, commit time in epoch seconds}, both empty when git or the checkout is missing. */
    private static String[] gitCommit(Path workDir) {
        try {
            Process git = new ProcessBuilder("git", "-C", workDir.toString(), "log", "-1", "--format=%H %ct")
                    .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(5, TimeUnit.SECONDS) || git.exitValue() != 0 || !out.matches("[0-9a-f]{40} \\d+")) {
                return new String[] {"", ""};
            }
            return out.split(" ");
        } catch (IOException e) {
            return new String[] {"", ""}; // no git on this machine: the release has no commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new String[] {"", ""};
        }
    }

    /** Per service, what changed between two releases: {@code image a -> b} or {@code config}. */
    static Map<String, String> changes(Release before, Release after) {
        Map<String, String> changes = new LinkedHashMap<>();
        after.services().forEach((address, service) -> {
            Release.Service old = before == null ? null : before.services().get(address);
            if (old == null) {
                changes.put(address, "new " + service.image());
            } else if (!old.image().equals(service.image())) {
                changes.put(address, old.image() + " -> " + service.image());
            } else if (!old.configHash().equals(service.configHash())) {
                changes.put(address, "config " + old.configHash() + " -> " + service.configHash());
            }
        });
        if (before != null) {
            before.services().keySet().stream().filter(a -> !after.services().containsKey(a))
                    .forEach(address -> changes.put(address, "removed"));
        }
        return changes;
    }
}
