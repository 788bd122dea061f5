package dev.converge.operator.controller;

import dev.converge.operator.JobResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run of a stack as {@code status.lastRun} records it: written before its Job is created (so that a
 * controller taking over knows the Job to look for and never starts a second one), finished when its
 * result was read. Immutable.
 *
 * @param number the stack's run counter; part of the Job's name, so creating the Job twice creates it once
 * @param job the Job's name
 * @param mode what the run does
 * @param generation the Stack's generation the run was started for
 * @param approved the approved fingerprint (mode APPLY_APPROVED), else empty
 * @param startedAt when it was started
 * @param finishedAt when its result was read; null while it runs
 * @param result how it ended ({@link JobResult.Status} or a failure reason); empty while it runs
 * @param summary one line about what it did
 */
record RunRecord(long number, String job, JobResult.Mode mode, long generation, String approved, Instant startedAt,
        Instant finishedAt, String result, String summary) {

    boolean finished() {
        return finishedAt != null;
    }

    RunRecord finish(Instant at, String outcome, String line) {
        return new RunRecord(number, job, mode, generation, approved, startedAt, at, outcome, line);
    }

    static RunRecord from(Map<?, ?> map) {
        Object finished = map.get("finishedAt");
        return new RunRecord(StackStatus.number(map.get("number")), String.valueOf(map.get("job")),
                JobResult.Mode.valueOf(String.valueOf(map.get("mode"))), StackStatus.number(map.get("generation")),
                text(map.get("approved")), Instant.parse(String.valueOf(map.get("startedAt"))),
                finished == null ? null : Instant.parse(String.valueOf(finished)), text(map.get("result")),
                text(map.get("summary")));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("number", number);
        map.put("job", job);
        map.put("mode", mode.name());
        map.put("generation", generation);
        if (!approved.isEmpty()) {
            map.put("approved", approved);
        }
        map.put("startedAt", startedAt.toString());
        if (finishedAt != null) {
            map.put("finishedAt", finishedAt.toString());
            map.put("result", result);
            map.put("summary", summary);
        }
        return map;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
