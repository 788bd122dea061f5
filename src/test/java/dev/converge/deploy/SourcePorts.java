package dev.converge.deploy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Source ports of {@link TrafficClient}'s connections, counted round-robin through the 16,384 ports just below
 * the kernel's ephemeral range, which the kernel never hands out on its own.
 *
 * <p>Why: a connection attempt to a ClusterIP that kube-proxy has not programmed yet is routed without DNAT and
 * fails, but it leaves a conntrack entry (SYN_SENT, 120 s) that keeps "no DNAT" for its addresses and ports. A
 * later connection that the kernel happens to give the same source port follows that entry and fails with
 * {@code No route to host}. A readiness wait's first attempts, or Converge's own verification probes, are such
 * attempts; with its own ports, a client that measures failures never meets their entries (CI saw it once:
 * 2 of 23,497 requests in {@code FailedRolloutPodsIT}, reproduced by hand with a fixed source port).
 */
final class SourcePorts {

    private static final int COUNT = 16_384;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private final int first;
    private final int count;
    private final AtomicInteger next = new AtomicInteger();

    private SourcePorts(int first, int count) {
        this.first = first;
        this.count = count;
    }

    /**
     * The ports below this machine's ephemeral range; none (the kernel's choice) where the range is unknown or
     * leaves fewer than 1,024 ports below it.
     */
    static SourcePorts belowEphemeralRange() {
        try {
            // readAllLines, not readString: a /proc file reports size 0, and readString returned its first byte only
            int low = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
            int first = Math.max(1024, low - COUNT);
            return low - first < 1024 ? new SourcePorts(0, 0) : new SourcePorts(first, low - first);
        } catch (IOException | RuntimeException e) {
            return new SourcePorts(0, 0);
        }
    }

    /**
     * A socket bound to the next free port of the range. A port some socket holds (a server listening on it, a
     * connection of ours in TIME_WAIT) is skipped: SO_REUSEADDR stays off, so that a new connection never
     * shares an old one's addresses. No packet has been sent yet, so skipping is not a retry.
     */
    Socket bound() throws IOException {
        for (int tried = 0; tried < count; tried++) {
            Socket socket = new Socket();
            try {
                socket.bind(new InetSocketAddress(first + Math.floorMod(next.getAndIncrement(), count)));
                return socket;
            } catch (BindException taken) {
                socket.close();
            }
        }
        return new Socket(); // no free port of our own (or no range): the kernel picks one on connect
    }
}
