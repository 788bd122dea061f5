package dev.converge.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Durable file primitives of the local backend: atomic replacement, directory fsync, content hashes and
 * a mutex that excludes both other threads of this JVM and other processes. Stateless apart from the
 * JVM-wide table of mutexes; thread-safe.
 */
final class LocalFiles {

    /** One in-JVM lock per mutex file, because {@link FileChannel#lock} only excludes other processes. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private LocalFiles() {
    }

    /**
     * Runs {@code action} while holding the mutex file {@code mutex} exclusively: first a JVM-wide lock,
     * then an OS file lock, so neither threads nor processes interleave.
     */
    static <T> T exclusively(Path mutex, Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(mutex.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(mutex.getParent());
            try (FileChannel channel = FileChannel.open(mutex, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock osLock = channel.lock();
                try {
                    return action.get();
                } finally {
                    osLock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + mutex + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Replaces {@code target} with {@code bytes} so that a crash leaves either the old or the new
     * content: temp file in the same directory, write, fsync, atomic rename, fsync of the directory.
     */
    static void writeAtomically(Path target, byte[] bytes) {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, bytes);
                channel.force(true);
            }
            move(temp, target);
            fsyncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes a rename or a new file in {@code dir} durable. Not possible on every OS; ignored there. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; the rename itself is still atomic there.
        }
    }

    static byte[] readOrNull(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes temp files of {@link #writeAtomically} left in {@code dir} by a crashed writer. Call only
     * while holding the directory's mutex: every writer holds it, so any temp file found is garbage.
     */
    static void deleteTempFiles(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp");
            }).forEach(LocalFiles::deleteQuietly);
        } catch (IOException e) {
            // Nothing to clean (no directory yet) or not listable: the leftovers are harmless.
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Only temp files are deleted this way; a leftover one is harmless.
        }
    }

    /**
     * The local store's version tag of a document: its length and two independent 32-bit checksums
     * (CRC32C and CRC32, both hardware-assisted). The tag only has to change when the content does, for
     * the compare-and-set of writers that all hold the stack's lock; unlike a SHA-256 it costs
     * milliseconds, not a noticeable part of a run, on a document of 100,000 resources.
     */
    static String version(byte[] bytes) {
        java.util.zip.CRC32C crc32c = new java.util.zip.CRC32C();
        crc32c.update(bytes, 0, bytes.length);
        java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
        crc32.update(bytes, 0, bytes.length);
        return Long.toHexString(crc32c.getValue()) + "-" + Long.toHexString(crc32.getValue()) + "-" + bytes.length;
    }

    /** Hex sha-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
