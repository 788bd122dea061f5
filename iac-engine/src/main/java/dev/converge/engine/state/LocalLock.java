package dev.converge.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.LockLostException;
import dev.converge.spi.state.StateLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code lock.json} of one stack. Every change happens under the stack's mutex and the file is always
 * replaced atomically, so a reader never sees half a lock and two acquirers never both win. Writers of
 * the stack's other files check the lock under the same mutex ({@link #requireHolder}), which makes
 * the fencing of a taken-over holder atomic on this backend.
 */
final class LocalLock implements StateLock {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path file;

    LocalLock(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("lock.json");
    }

    @Override
    public Optional<LockInfo> tryAcquire(LockInfo request) {
        return LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            Optional<LockInfo> holder = holder();
            if (holder.isPresent()) {
                return holder;
            }
            LocalFiles.writeAtomically(file, encode(request));
            return Optional.empty();
        });
    }

    @Override
    public Optional<LockInfo> takeOver(LockInfo expected, LockInfo request) {
        return LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            Optional<LockInfo> holder = holder();
            if (holder.isPresent() && !holder.get().sameVersion(expected)) {
                return holder;
            }
            LocalFiles.writeAtomically(file, encode(request));
            return Optional.empty();
        });
    }

    @Override
    public void heartbeat(LockInfo holder) {
        LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            requireHolder(dir, holder);
            LocalFiles.writeAtomically(file, encode(holder));
            return null;
        });
    }

    /**
     * Throws {@link LockLostException} unless {@code holder} holds the lock of the stack in {@code dir}.
     * Call under the stack's mutex: then no takeover can come between this check and the caller's write.
     */
    static void requireHolder(Path dir, LockInfo holder) {
        Optional<LockInfo> current = new LocalLock(dir).holder();
        if (current.isEmpty() || !current.get().id().equals(holder.id())
                || current.get().generation() != holder.generation()) {
            throw new LockLostException(holder, current, dir.resolve("lock.json").toString());
        }
    }

    @Override
    public void release(String lockId) {
        forceRelease(lockId);
    }

    @Override
    public Optional<LockInfo> holder() {
        byte[] bytes = LocalFiles.readOrNull(file);
        return bytes == null ? Optional.empty() : Optional.of(decode(bytes));
    }

    @Override
    public boolean forceRelease(String lockId) {
        return LocalFiles.exclusively(LocalStateBackend.mutex(dir), () -> {
            Optional<LockInfo> current = holder();
            if (current.isEmpty() || !current.get().id().equals(lockId)) {
                return false;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
            }
            LocalFiles.fsyncDirectory(dir);
            return true;
        });
    }

    static byte[] encode(LockInfo info) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", info.id());
        node.put("user", info.user());
        node.put("host", info.host());
        node.put("pid", info.pid());
        node.put("operation", info.operation());
        node.put("acquiredAt", info.acquiredAt().toString());
        node.put("heartbeatAt", info.heartbeatAt().toString());
        node.put("bootId", info.bootId());
        node.put("processStart", info.processStart() == null ? null : info.processStart().toString());
        node.put("generation", info.generation());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a lock file; an unreadable one (written by hand?) is still a held lock, shown as such. */
    private LockInfo decode(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            Instant acquired = Instant.parse(node.path("acquiredAt").asText());
            String heartbeat = node.path("heartbeatAt").asText(null);
            String start = node.path("processStart").asText(null);
            return new LockInfo(node.path("id").asText(), node.path("user").asText("?"), node.path("host").asText("?"),
                    node.path("pid").asLong(-1), node.path("operation").asText("?"), acquired,
                    heartbeat == null ? acquired : Instant.parse(heartbeat), node.path("bootId").asText(null),
                    start == null ? null : Instant.parse(start), node.path("generation").asLong(1));
        } catch (IOException | RuntimeException e) {
            Instant now = Instant.EPOCH;
            return new LockInfo("unreadable-lock-file", "?", "?", -1, "unreadable " + file, now, now);
        }
    }
}
