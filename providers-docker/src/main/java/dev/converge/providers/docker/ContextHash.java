package dev.converge.providers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content hash of a Docker build context: SHA-256 over every regular file's relative path,
 * executable bit and bytes, in path order. It depends only on the files, not on timestamps or the
 * directory's location, so the same sources give the same hash on every machine.
 */
public final class ContextHash {

    private ContextHash() {
    }

    /**
     * Hashes the files below {@code directory}.
     *
     * @throws IllegalArgumentException if {@code directory} is not a directory
     * @throws UncheckedIOException if a file cannot be read
     */
    public static String of(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Docker build context " + directory.toAbsolutePath()
                    + " is not a directory: give the directory that holds the Dockerfile");
        }
        MessageDigest digest = sha256();
        for (Path file : files(directory)) {
            String relative = directory.relativize(file).toString().replace('\\', '/');
            digest.update(relative.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update((byte) (Files.isExecutable(file) ? 1 : 0));
            update(digest, file);
            digest.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Docker build context " + directory, e);
        }
    }

    private static void update(MessageDigest digest, Path file) {
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of a Docker build context", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
