package dev.converge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared helpers of the engine behaviour tests: fake resources and the calls the fake recorded. */
final class Things {

    private Things() {
    }

    /** A {@code fake:Thing} named {@code name}. */
    static GenericResource thing(String name) {
        return GenericResource.of(FakeProvider.THING, name);
    }

    /** The one recorded call of {@code operation} on {@code address}; fails if there is not exactly one. */
    static FakeProvider.Call call(FakeProvider fake, Operation operation, String address) {
        List<FakeProvider.Call> matching = calls(fake, operation, address);
        assertThat(matching).as("%s calls on %s among %s", operation, address, fake.calls()).hasSize(1);
        return matching.get(0);
    }

    /** Calls on {@code address}, including those on its deposed objects ({@code address[deposed-...]}). */
    static List<FakeProvider.Call> calls(FakeProvider fake, Operation operation, String address) {
        Address wanted = Address.parse(address);
        return fake.calls().stream()
                .filter(c -> c.operation() == operation && (c.address().equals(wanted)
                        || c.address().parent().equals(wanted.parent())
                        && c.address().name().startsWith(wanted.name() + "[deposed-")))
                .toList();
    }

    /** Calls other than reads (refresh reads everything before each plan). */
    static List<FakeProvider.Call> changes(FakeProvider fake) {
        return fake.calls().stream().filter(c -> c.operation() != Operation.READ).toList();
    }

    /** The largest number of calls whose [start, end] intervals overlap at one instant. */
    static int maxOverlap(List<FakeProvider.Call> calls) {
        int best = 0;
        for (FakeProvider.Call probe : calls) {
            long at = probe.startNanos();
            int running = (int) calls.stream().filter(c -> c.startNanos() <= at && at < c.endNanos()).count();
            best = Math.max(best, running);
        }
        return best;
    }

    static Path stateFile(Path dir, String stack) {
        return dir.resolve(".converge").resolve(stack).resolve("state.json");
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} as text, for plaintext-secret checks. */
    static String allText(Path dir) {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(file -> all.append(file).append('\n')
                    .append(new String(bytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
