package dev.converge.testing;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateHistory;
import dev.converge.spi.state.StateJournal;
import dev.converge.spi.state.StateLock;
import dev.converge.spi.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A state backend in memory, for tests: as fast as a map, passes {@link StateBackendContract}. Two
 * backends from {@link #client()} share one storage, as two processes share a bucket. Thread-safe;
 * every stack's storage is guarded by its own monitor.
 */
public final class InMemoryStateBackend implements StateBackend {

    private final Map<String, Storage> stacks;

    public InMemoryStateBackend() {
        this(new ConcurrentHashMap<>());
    }

    private InMemoryStateBackend(Map<String, Storage> stacks) {
        this.stacks = stacks;
    }

    /** Another client of the same storage. */
    public InMemoryStateBackend client() {
        return new InMemoryStateBackend(stacks);
    }

    /** Everything one stack holds in memory. */
    private static final class Storage {
        private byte[] document;
        private String version;
        private final AtomicLong versions = new AtomicLong();
        private LockInfo holder;
        private final Map<Long, byte[]> history = new TreeMap<>();
        private final Map<Long, Instant> archivedAt = new TreeMap<>();
        private final List<byte[]> journal = new ArrayList<>();
    }

    private Storage storage(String stack) {
        return stacks.computeIfAbsent(stack, s -> new Storage());
    }

    @Override
    public String describe(String stack) {
        return "in-memory state of " + stack;
    }

    @Override
    public StateStore store(String stack) {
        Storage s = storage(stack);
        return new StateStore() {
            @Override
            public Optional<StoredState> read() {
                synchronized (s) {
                    return s.document == null ? Optional.empty()
                            : Optional.of(new StoredState(s.document.clone(), s.version));
                }
            }

            @Override
            public String write(byte[] document, String expectedVersion) {
                synchronized (s) {
                    if (!java.util.Objects.equals(expectedVersion, s.version)) {
                        throw new StateConflictException("state of " + stack + " was changed by another writer: "
                                + "expected version " + expectedVersion + ", found " + s.version);
                    }
                    s.document = document.clone();
                    s.version = "v" + s.versions.incrementAndGet();
                    return s.version;
                }
            }
        };
    }

    @Override
    public StateLock lock(String stack) {
        Storage s = storage(stack);
        return new StateLock() {
            @Override
            public Optional<LockInfo> tryAcquire(LockInfo request) {
                synchronized (s) {
                    if (s.holder != null) {
                        return Optional.of(s.holder);
                    }
                    s.holder = request;
                    return Optional.empty();
                }
            }

            @Override
            public Optional<LockInfo> takeOver(LockInfo expected, LockInfo request) {
                synchronized (s) {
                    if (s.holder != null && !s.holder.sameVersion(expected)) {
                        return Optional.of(s.holder);
                    }
                    s.holder = request;
                    return Optional.empty();
                }
            }

            @Override
            public void heartbeat(LockInfo holder) {
                synchronized (s) {
                    if (s.holder == null || !s.holder.id().equals(holder.id())) {
                        throw new IllegalStateException("lock " + holder.id() + " of stack " + stack
                                + " is no longer held");
                    }
                    s.holder = holder;
                }
            }

            @Override
            public void release(String lockId) {
                synchronized (s) {
                    if (s.holder != null && s.holder.id().equals(lockId)) {
                        s.holder = null;
                    }
                }
            }

            @Override
            public Optional<LockInfo> holder() {
                synchronized (s) {
                    return Optional.ofNullable(s.holder);
                }
            }

            @Override
            public boolean forceRelease(String lockId) {
                synchronized (s) {
                    if (s.holder != null && s.holder.id().equals(lockId)) {
                        s.holder = null;
                        return true;
                    }
                    return false;
                }
            }
        };
    }

    @Override
    public StateHistory history(String stack) {
        Storage s = storage(stack);
        return new StateHistory() {
            @Override
            public void archive(long serial, byte[] document) {
                synchronized (s) {
                    s.history.put(serial, document.clone());
                    s.archivedAt.put(serial, Instant.now());
                }
            }

            @Override
            public List<Entry> list() {
                synchronized (s) {
                    List<Entry> entries = new ArrayList<>();
                    s.history.forEach((serial, bytes) -> entries.add(new Entry(serial, s.archivedAt.get(serial),
                            bytes.length)));
                    entries.sort(Comparator.comparingLong(Entry::serial).reversed());
                    return entries;
                }
            }

            @Override
            public Optional<byte[]> load(long serial) {
                synchronized (s) {
                    return Optional.ofNullable(s.history.get(serial)).map(byte[]::clone);
                }
            }
        };
    }

    @Override
    public StateJournal journal(String stack) {
        Storage s = storage(stack);
        return new StateJournal() {
            @Override
            public void append(byte[] record) {
                synchronized (s) {
                    s.journal.add(record.clone());
                }
            }

            @Override
            public List<byte[]> readAll() {
                synchronized (s) {
                    return s.journal.stream().map(byte[]::clone).toList();
                }
            }

            @Override
            public void clear() {
                synchronized (s) {
                    s.journal.clear();
                }
            }
        };
    }
}
