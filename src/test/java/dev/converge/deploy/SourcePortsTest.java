package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On Linux, where the ephemeral range is in {@code /proc} (CI's machines). */
class SourcePortsTest {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void portsAreCountedBelowTheEphemeralRangeAndAHeldPortIsSkipped() throws Exception {
        int ephemeralLow = ephemeralLow();
        SourcePorts ports = SourcePorts.belowEphemeralRange();
        try (Socket first = ports.bound(); ServerSocket held = new ServerSocket()) {
            int port = first.getLocalPort();
            assertThat(port).isBetween(Math.max(1024, ephemeralLow - 16_384), ephemeralLow - 1);
            held.bind(new InetSocketAddress(port + 1));
            try (Socket next = ports.bound()) {
                assertThat(next.getLocalPort()).as("the port after a held one").isGreaterThan(port + 1)
                        .isLessThan(ephemeralLow);
            }
        }
    }

    @Test
    void aClientConnectsFromItsOwnPorts() throws Exception {
        int ephemeralLow = ephemeralLow();
        try (ServerSocket server = new ServerSocket(0)) {
            try (Socket client = SourcePorts.belowEphemeralRange().bound()) {
                client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 2000);
                try (Socket accepted = server.accept()) {
                    assertThat(accepted.getPort()).isEqualTo(client.getLocalPort()).isLessThan(ephemeralLow);
                }
            }
        }
    }

    private static int ephemeralLow() throws java.io.IOException {
        return Integer.parseInt(Files.readAllLines(RANGE).get(0).trim().split("\\s+")[0]);
    }
}
