package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.spi.ProviderException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** File system helpers shared by the file and directory handlers; failures name the resource. */
final class PosixFiles {

    private PosixFiles() {
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code path}, sets its mode, then renames it over
     * {@code path}, so readers see the old or the new content, never a partial file.
     */
    static void writeAtomically(Address address, Path path, byte[] bytes, String mode) {
        Path parent = path.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            removeStaleTemps(path);
            temp = Files.createTempFile(parent, "." + path.getFileName(), ".tmp");
            Files.write(temp, bytes);
            if (mode != null) {
                setMode(address, temp, mode);
            }
            move(temp, path);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw ProviderException.fatal(address + ": cannot write " + path + ": " + e.getMessage()
                    + "; check that the directory is writable", e);
        }
    }

    /**
     * Deletes the temporary siblings ({@code .<name><random>.tmp}) that a write of {@code path} killed
     * between creating and renaming its temporary file left behind. Only one run writes a resource at a
     * time (the state lock), so such a file is never another write's work in progress.
     */
    static void removeStaleTemps(Path path) {
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + path.getFileName();
        try (var siblings = Files.newDirectoryStream(parent, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp") && name.length() > prefix.length() + 4;
        })) {
            for (Path stale : siblings) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            // Best effort: a leftover temporary file harms nothing but tidiness; the next read tries again.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void setMode(Address address, Path path, String mode) {
        Set<PosixFilePermission> permissions = FileModes.parse(mode).orElseThrow(() -> ProviderException.fatal(
                address + ": invalid mode '" + mode + "'; use octal digits such as 0644"));
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            throw ProviderException.fatal(address + ": cannot set mode " + mode + " on " + path + ": " + e, e);
        }
    }

    static Set<PosixFilePermission> permissions(Address address, Path path) {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw ProviderException.retryable(address + ": cannot read the mode of " + path + ": " + e, e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort: the write already failed and that failure is what the user needs to see.
        }
    }
}
