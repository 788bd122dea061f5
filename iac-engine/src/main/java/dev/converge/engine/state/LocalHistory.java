package dev.converge.engine.state;

import dev.converge.spi.state.StateHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code history/<serial>.json} of one stack, pruned to the newest {@code limit} versions on archive. */
final class LocalHistory implements StateHistory {

    private final Path stackDir;
    private final Path dir;
    private final int limit;

    LocalHistory(Path stackDir, int limit) {
        this.stackDir = stackDir;
        this.dir = stackDir.resolve("history");
        this.limit = limit;
    }

    static Path file(Path stackDir, long serial) {
        return stackDir.resolve("history").resolve(serial + ".json");
    }

    @Override
    public void archive(long serial, byte[] document) {
        LocalFiles.exclusively(LocalStateBackend.mutex(stackDir), () -> {
            LocalFiles.writeAtomically(file(stackDir, serial), document);
            List<Entry> entries = list();
            for (Entry old : entries.subList(Math.min(limit, entries.size()), entries.size())) {
                LocalFiles.deleteQuietly(file(stackDir, old.serial()));
            }
            return null;
        });
    }

    @Override
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(path -> entry(path).ifPresent(entries::add));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparingLong(Entry::serial).reversed());
        return entries;
    }

    private static Optional<Entry> entry(Path path) {
        // <serial>.json; parsed by hand, as LocalStateBackend checks stack names (no regex at start-up).
        String name = path.getFileName().toString();
        String serial = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : "";
        if (serial.isEmpty() || !serial.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(Long.parseLong(serial),
                    Files.getLastModifiedTime(path).toInstant(), Files.size(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // pruned by another process meanwhile
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // not a version file Converge wrote
        }
    }

    @Override
    public Optional<byte[]> load(long serial) {
        return Optional.ofNullable(LocalFiles.readOrNull(file(stackDir, serial)));
    }

    /** Reads only the first {@code maxBytes}: every load looks at a version's header, which must stay cheap. */
    @Override
    public Optional<byte[]> loadHead(long serial, int maxBytes) {
        try (java.io.InputStream in = Files.newInputStream(file(stackDir, serial))) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(stackDir, serial) + ": " + e.getMessage(), e);
        }
    }
}
