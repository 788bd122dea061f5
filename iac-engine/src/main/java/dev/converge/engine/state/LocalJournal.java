package dev.converge.engine.state;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * {@code journal.log} of one stack: append-only, one record per line, each line
 * {@code <length> <crc32c hex> <payload>\n}. The length lets payloads hold any bytes; the checksum
 * detects a torn or damaged record, which ends the readable journal. Before appending, a torn tail
 * left by a crash is cut off, so new records are never hidden behind it. Every append is fsynced before it returns;
 * {@link #write} queues a record and its {@code await} makes it durable, so parallel appenders
 * share one write and one fsync ({@link GroupSync}). A lock holder's journal checks the lock under the
 * stack's mutex before each write and the clear, so a holder that was taken over appends nothing more.
 */
final class LocalJournal implements StateJournal, SessionJournal.GroupCommit {

    /**
     * The intact length of each journal this JVM last appended to or cleared, so an append scans the
     * file only when someone else changed it (a crash left a torn tail, another process wrote).
     */
    private static final Map<Path, Long> KNOWN_INTACT = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path file;
    /** The lock holder whose records these are, checked under the mutex; null for an unfenced journal. */
    private final LockInfo fence;
    /** The appenders of this journal (one session's threads) share fsyncs. */
    private final GroupSync group = new GroupSync();

    LocalJournal(Path dir, LockInfo fence) {
        this.dir = dir;
        this.file = dir.resolve("journal.log").toAbsolutePath().normalize();
        this.fence = fence;
    }

    private void checkFence() {
        if (fence != null) {
            LocalLock.requireHolder(dir, fence);
        }
    }

    @Override
    public void append(byte[] record) {
        write(record).await();
    }

    @Override
    public SessionJournal.Durable write(byte[] record) {
        GroupSync.Batch batch = group.enqueue(frame(record));
        return () -> batch.await(this::appendBatch);
    }

    /** Appends {@code records} under the stack's mutex with one write and one fsync. */
    private void appendBatch(List<byte[]> records) {
        LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            checkFence();
            appendLocked(records);
            return null;
        });
    }

    private void appendLocked(List<byte[]> records) {
        try {
            boolean created = !Files.exists(file);
            if (created) {
                Files.createDirectories(dir);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long size = channel.size();
                Long known = KNOWN_INTACT.get(file);
                long valid = known != null && known == size ? size : scan(readAll(channel), null);
                if (valid < size) {
                    channel.truncate(valid); // drop a torn tail so the new records stay reachable
                }
                channel.position(valid);
                LocalFiles.writeFully(channel, concat(records));
                channel.force(false);
                KNOWN_INTACT.put(file, channel.size());
            }
            if (created) {
                LocalFiles.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            KNOWN_INTACT.remove(file); // a partial write may have left a torn tail: rescan next time
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] concat(List<byte[]> records) {
        if (records.size() == 1) {
            return records.get(0);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) channel.size());
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
        return buffer.array();
    }

    @Override
    public List<byte[]> readAll() {
        byte[] bytes = LocalFiles.readOrNull(file);
        if (bytes == null) {
            return List.of();
        }
        List<byte[]> records = new ArrayList<>();
        scan(bytes, records);
        return records;
    }

    @Override
    public void clear() {
        group.drain(this::appendBatch); // records queued before the clear go before it
        LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            checkFence();
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                    channel.force(true);
                    KNOWN_INTACT.put(file, 0L);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clear " + file + ": " + e.getMessage(), e);
                }
            }
            return null;
        });
    }

    static byte[] frame(byte[] payload) {
        byte[] head = (payload.length + " " + checksum(payload, 0, payload.length) + " ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(head, head.length + payload.length + 1);
        System.arraycopy(payload, 0, line, head.length, payload.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * Walks the framed records in {@code bytes}, adding each intact payload to {@code out} (if not null),
     * and returns the length of the intact prefix; the first damaged record ends the walk.
     */
    static long scan(byte[] bytes, List<byte[]> out) {
        int pos = 0;
        while (pos < bytes.length) {
            int next = parseRecord(bytes, pos, out);
            if (next < 0) {
                if (recordsFollow(bytes, pos)) {
                    // Damage with intact records after it is not the torn end of an interrupted write:
                    // refuse, and never cut off the records that follow.
                    throw new CorruptStateException("journal record at byte " + pos + " is damaged (its checksum "
                            + "or framing does not match) and intact records follow it");
                }
                return pos;
            }
            pos = next;
        }
        return pos;
    }

    /** True if another line starts after the line at {@code pos}: only the last record can be torn. */
    private static boolean recordsFollow(byte[] bytes, int pos) {
        for (int i = pos; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Parses the record at {@code pos}; returns the position after it, or -1 if it is torn or damaged. */
    private static int parseRecord(byte[] bytes, int pos, List<byte[]> out) {
        int space1 = indexOf(bytes, pos, (byte) ' ', 12);
        int space2 = space1 < 0 ? -1 : indexOf(bytes, space1 + 1, (byte) ' ', 9);
        if (space2 < 0) {
            return -1;
        }
        try {
            int length = Integer.parseInt(new String(bytes, pos, space1 - pos, StandardCharsets.US_ASCII));
            String sum = new String(bytes, space1 + 1, space2 - space1 - 1, StandardCharsets.US_ASCII);
            int start = space2 + 1;
            int end = start + length;
            if (length < 0 || end >= bytes.length || bytes[end] != '\n'
                    || !sum.equals(checksum(bytes, start, length))) {
                return -1;
            }
            if (out != null) {
                out.add(Arrays.copyOfRange(bytes, start, end));
            }
            return end + 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] bytes, int from, byte wanted, int maxDistance) {
        for (int i = from; i < bytes.length && i <= from + maxDistance; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        String hex = Long.toHexString(crc.getValue());
        return hex.length() == 8 ? hex : "0".repeat(8 - hex.length()) + hex; // %08x without a Formatter
    }
}
