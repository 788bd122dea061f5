package dev.converge.engine.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The releases of one stack, one JSON line each, oldest first, in
 * {@code <workDir>/.converge/releases/<stack>.jsonl}, and the stack's pin in {@code <stack>.pin.json}.
 * Appends are whole lines, so a crash loses at most the release being written. Not thread-safe: the
 * stack's lock serialises writers.
 */
final class ReleaseLog {

    /** A stack pinned to a serial by a rollback, while the program is still {@code programFingerprint}. */
    record Pin(long serial, String programFingerprint) {
    }

    // Only record components are stored (not ok()/isRollback()); fields added later are skipped by older readers.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Path file;
    private final Path pinFile;

    ReleaseLog(Path workDir, String stack) {
        Path dir = workDir.resolve(".converge").resolve("releases");
        this.file = dir.resolve(stack + ".jsonl");
        this.pinFile = dir.resolve(stack + ".pin.json");
    }

    void append(Release release) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(release) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the release in " + file, e);
        }
    }

    /** Every release, oldest first; empty if none was recorded. */
    List<Release> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Release> releases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    releases.add(JSON.readValue(line, Release.class));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the release log " + file + " is damaged (" + e.getOriginalMessage()
                    + "); remove the broken line", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release log " + file, e);
        }
        return releases;
    }

    Optional<Pin> pin() {
        try {
            return Files.exists(pinFile) ? Optional.of(JSON.readValue(pinFile.toFile(), Pin.class)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pin " + pinFile + "; delete it to unpin", e);
        }
    }

    void pin(Pin pin) {
        try {
            Files.createDirectories(pinFile.getParent());
            Files.writeString(pinFile, JSON.writeValueAsString(pin), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pin " + pinFile, e);
        }
    }

    void unpin() {
        try {
            Files.deleteIfExists(pinFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the pin " + pinFile, e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
