package dev.converge.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File-tree helpers of the reliability tests. */
final class Dirs {

    private Dirs() {
    }

    /** Copies the tree {@code from} into {@code to} (created); a missing {@code from} copies nothing. */
    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            if (!Files.exists(from)) {
                return;
            }
            try (Stream<Path> files = Files.walk(from)) {
                for (Path source : files.toList()) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the tree {@code dir}, ignoring what cannot be deleted (a clean-up, not a check). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** The sha-256 of every regular file under {@code dir}, by relative path: compare two moments. */
    static Map<String, String> hashes(Path dir) {
        Map<String, String> all = new TreeMap<>();
        contents(dir).forEach((file, bytes) -> {
            try {
                all.put(file, java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        return all;
    }

    /** Every regular file under {@code dir} with its bytes, by relative path. */
    static Map<String, byte[]> contents(Path dir) {
        Map<String, byte[]> all = new TreeMap<>();
        if (!Files.exists(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
