package dev.converge.engine.automation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The four delivery measures of a stack (Forsgren, Humble, Kim: Accelerate) over its release log.
 *
 * @param releases releases counted (applies and rollbacks)
 * @param perDay deployment frequency: releases per day over the logged period (at least one day)
 * @param leadTime mean time from commit to release, or null when no release knows its commit time
 * @param changeFailRate share of releases that failed (such as a failed verification) or were rolled back
 * @param timeToRestore mean time from a failed release to the next good one, or null when none failed
 */
public record ReleaseStats(int releases, double perDay, Duration leadTime, double changeFailRate,
        Duration timeToRestore) {

    /** Computes the measures of {@code log}, oldest first. */
    public static ReleaseStats of(List<Release> log) {
        if (log.isEmpty()) {
            return new ReleaseStats(0, 0, null, 0, null);
        }
        long span = log.get(log.size() - 1).time() - log.get(0).time();
        double days = Math.max(1, span / 86_400_000.0);
        OptionalDouble lead = log.stream().filter(r -> r.commitTime() > 0 && !r.isRollback())
                .mapToLong(r -> r.time() - r.commitTime()).average();
        List<Release> failed = failed(log);
        List<Long> restores = new ArrayList<>();
        for (Release bad : failed) {
            log.stream().filter(r -> r.time() > bad.time() && r.ok()).findFirst()
                    .ifPresent(good -> restores.add(good.time() - bad.time()));
        }
        return new ReleaseStats(log.size(), log.size() / days,
                lead.isPresent() ? Duration.ofMillis((long) lead.getAsDouble()) : null,
                (double) failed.size() / log.size(),
                restores.isEmpty() ? null : Duration.ofMillis((long) restores.stream().mapToLong(x -> x).average()
                        .orElse(0)));
    }

    /** Releases that failed, or that a later rollback undid (serial after its target, before itself). */
    static List<Release> failed(List<Release> log) {
        List<Release> failed = new ArrayList<>();
        for (Release release : log) {
            boolean undone = log.stream().anyMatch(rollback -> rollback.isRollback() && rollback.ok()
                    && release.serial() > rollback.rollbackTo() && release.serial() < rollback.serial()
                    && !release.isRollback());
            if (!release.ok() || undone) {
                failed.add(release);
            }
        }
        return failed;
    }

    /** The report {@code releases --stats} prints. */
    public String render() {
        return String.format("Releases:               %d%nDeployment frequency:   %.1f per day%n"
                + "Lead time (commit to release): %s%nChange-fail rate:       %.0f%%%nTime to restore:        %s%n",
                releases, perDay, format(leadTime), changeFailRate * 100, format(timeToRestore));
    }

    private static String format(Duration duration) {
        if (duration == null) {
            return "n/a";
        }
        return duration.toHours() > 0 ? duration.toHours() + " h " + duration.toMinutesPart() + " min"
                : duration.toMinutes() > 0 ? duration.toMinutes() + " min " + duration.toSecondsPart() + " s"
                : duration.toSeconds() + " s";
    }
}
