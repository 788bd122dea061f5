package dev.converge.providers.local;

import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.OwnedObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Helpers for the process tests: commands, free ports, and cleanup of anything a test left running. */
final class ProcessFixture {

    private ProcessFixture() {
    }

    static String uniqueStack() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java -cp <test classes> TestServer <port>}, started fast with the client compiler. */
    static List<String> testServer(int port) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            String classes = Path.of(TestServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classes,
                    TestServer.class.getName(), Integer.toString(port));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills every process still owned by {@code stack}; returns how many there were. */
    static int killOwned(LocalProvider provider, String stack) {
        List<OwnedObject> owned = provider.findOwned(new FindOwnedRequest(stack, Set.of(LocalSchemas.PROCESS)))
                .objects();
        for (OwnedObject object : owned) {
            long pid = Long.parseLong(object.id());
            ProcessTable.startTime(pid).ifPresent(start ->
                    Signals.stop(object.address(), pid, start, Duration.ofMillis(500)));
        }
        return owned.size();
    }
}
