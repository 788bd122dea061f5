package dev.converge.bench.aws;

import dev.converge.testing.wire.ErrorStyle;
import dev.converge.testing.wire.FaultProxy;
import dev.converge.testing.wire.RetryAfterHeader;
import dev.converge.testing.wire.WireFaults;
import dev.converge.testing.wire.WireStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The throttling benchmark's proxy ({@code bench/throttle-aws/bench.sh}): a {@link FaultProxy} in front of moto
 * with a token bucket of RATE calls/s (burst BURST; 0 for no limit) answering over-limit calls with the
 * services' throttling errors, and a share P503 of calls answered {@code 503} without {@code Retry-After}.
 * Prints its URL, then writes its counters to STATS every 200 ms until killed.
 *
 * <p>Usage: {@code WireProxyMain HOST PORT RATE BURST P503 STATS}
 */
public final class WireProxyMain {

    private WireProxyMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        double rate = Double.parseDouble(args[2]);
        double unavailable = Double.parseDouble(args[4]);
        WireFaults faults = WireFaults.none();
        if (rate > 0) {
            faults = faults.withRateLimit(rate, Integer.parseInt(args[3]));
        }
        if (unavailable > 0) {
            faults = faults.withStatus(unavailable, 503, RetryAfterHeader.none());
        }
        Path stats = Path.of(args[5]);
        try (FaultProxy proxy = FaultProxy.to(args[0], Integer.parseInt(args[1])).style(ErrorStyle.AWS)
                .faults(faults).start()) {
            System.out.println(proxy.url());
            System.out.flush();
            while (true) {
                WireStats now = proxy.stats();
                Path next = stats.resolveSibling(stats.getFileName() + ".tmp");
                Files.writeString(next, now.requests() + " " + now.admitted() + " " + now.rateLimited() + " "
                        + now.forwarded() + " " + now.statuses() + " " + now.throttles() + "\n");
                Files.move(next, stats, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(200);
            }
        }
    }
}
