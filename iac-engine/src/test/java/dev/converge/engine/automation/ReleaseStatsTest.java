package dev.converge.engine.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery measures over a release log, and the log's round trip. */
class ReleaseStatsTest {

    private static final long HOUR = 3_600_000;

    private static Release release(long serial, long time, long commitTime, String op, String outcome, long to) {
        return new Release(serial, time, "c" + serial, commitTime, "ci", op, outcome, to,
                Map.of("svc", new Release.Service("app:" + serial, "h" + serial)));
    }

    @Test
    void measuresFrequencyLeadTimeFailRateAndTimeToRestore() {
        List<Release> log = List.of(
                release(1, 0, -0, "apply", "ok", 0),
                release(2, 24 * HOUR, 23 * HOUR, "apply", "ok", 0),          // lead time 1 h
                release(3, 36 * HOUR, 33 * HOUR, "apply", "failed", 0),      // lead time 3 h, restored at 37 h
                release(4, 37 * HOUR, 0, "apply", "ok", 0),
                release(5, 48 * HOUR, 47 * HOUR, "apply", "ok", 0),          // undone by the rollback below
                release(6, 50 * HOUR, 0, "rollback", "ok", 4));
        ReleaseStats stats = ReleaseStats.of(log);
        assertThat(stats.releases()).isEqualTo(6);
        assertThat(stats.perDay()).isEqualTo(6 / (50.0 / 24));
        assertThat(stats.leadTime()).isEqualTo(Duration.ofMinutes(100)); // mean of 1 h, 3 h, 1 h
        assertThat(stats.changeFailRate()).isEqualTo(2 / 6.0);
        assertThat(stats.timeToRestore()).isEqualTo(Duration.ofMinutes(90)); // 1 h and 2 h
        assertThat(stats.render()).contains("Change-fail rate:       33%", "Time to restore:        1 h 30 min");
    }

    @Test
    void anEmptyLogHasNoMeasures(@TempDir Path dir) {
        assertThat(ReleaseStats.of(new ReleaseLog(dir, "dev").list()).render()).contains("Releases:               0",
                "Lead time (commit to release): n/a");
    }

    @Test
    void theLogKeepsReleasesAndThePin(@TempDir Path dir) {
        ReleaseLog log = new ReleaseLog(dir, "prod");
        log.append(release(1, 10, 5, "apply", "ok", 0));
        log.append(release(2, 20, 0, "rollback", "ok", 1));
        assertThat(new ReleaseLog(dir, "prod").list()).containsExactly(release(1, 10, 5, "apply", "ok", 0),
                release(2, 20, 0, "rollback", "ok", 1));
        assertThat(new ReleaseLog(dir, "dev").list()).isEmpty();
        log.pin(new ReleaseLog.Pin(1, "abc"));
        assertThat(log.pin()).contains(new ReleaseLog.Pin(1, "abc"));
        log.unpin();
        assertThat(log.pin()).isEmpty();
    }
}
