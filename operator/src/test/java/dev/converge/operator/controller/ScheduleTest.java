package dev.converge.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.operator.JobResult.Mode;
import dev.converge.operator.StackCrd;
import dev.converge.operator.StackSpec;
import dev.converge.operator.StackSpec.Approval;
import dev.converge.operator.controller.Schedule.Next;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a stack with no run in flight does next, decided from its spec, status, annotation and the time. */
class ScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final long GENERATION = 3;

    private static StackSpec spec(Approval approval, Optional<Duration> driftCheck) {
        return new StackSpec("converge/demo:1", "Never", List.of(), "dev.example.Demo", List.of(), "demo", Map.of(),
                List.of(), List.of(), Duration.ofMinutes(10), driftCheck, false, approval,
                StackSpec.DeletionPolicy.KEEP, "default", Duration.ofMinutes(5));
    }

    private static final StackSpec AUTO = spec(Approval.AUTO, Optional.empty());
    private static final StackSpec MANUAL = spec(Approval.MANUAL, Optional.empty());

    /** A stack whose last run, of this generation, finished and applied; the next reconcile in five minutes. */
    private static StackStatus reconciled() {
        StackStatus status = new StackStatus();
        status.observedGeneration = GENERATION;
        status.lastRun = new RunRecord(4, "demo-run-4", Mode.APPLY, GENERATION, "", NOW.minusSeconds(65),
                NOW.minusSeconds(60), "SUCCEEDED", "1 added");
        status.lastAppliedSerial = 7L;
        status.nextRunAt = NOW.plus(Duration.ofMinutes(5));
        return status;
    }

    @Test
    void aNewStackIsAppliedOrPlannedByItsApproval() {
        assertThat(Schedule.next(AUTO, new StackStatus(), 1, "", NOW)).isEqualTo(Next.start(Mode.APPLY, ""));
        assertThat(Schedule.next(MANUAL, new StackStatus(), 1, "", NOW)).isEqualTo(Next.start(Mode.PLAN, ""));
    }

    @Test
    void aChangedSpecRunsAtOnceAnUnchangedOneWaitsForItsInterval() {
        assertThat(Schedule.next(AUTO, reconciled(), GENERATION + 1, "", NOW)).isEqualTo(Next.start(Mode.APPLY, ""));

        Next waiting = Schedule.next(AUTO, reconciled(), GENERATION, "", NOW);
        assertThat(waiting.kind()).isEqualTo(Next.Kind.WAIT);
        assertThat(waiting.wakeAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));

        Instant due = NOW.plus(Duration.ofMinutes(5));
        assertThat(Schedule.next(AUTO, reconciled(), GENERATION, "", due)).isEqualTo(Next.start(Mode.APPLY, ""));
    }

    @Test
    void aDriftCheckComesBetweenReconcilesOfAHealthyStackOnly() {
        StackSpec checked = spec(Approval.AUTO, Optional.of(Duration.ofMinutes(1)));
        StackStatus status = reconciled();
        status.nextDriftCheckAt = NOW.plusSeconds(30);
        Next early = Schedule.next(checked, status, GENERATION, "", NOW);
        assertThat(early.kind()).isEqualTo(Next.Kind.WAIT);
        assertThat(early.wakeAt()).as("the drift check comes before the reconcile").isEqualTo(NOW.plusSeconds(30));

        assertThat(Schedule.next(checked, status, GENERATION, "", NOW.plusSeconds(30)))
                .isEqualTo(Next.start(Mode.DRIFT_CHECK, ""));

        status.failures = 2;
        Next failing = Schedule.next(checked, status, GENERATION, "", NOW.plusSeconds(30));
        assertThat(failing.kind()).as("a failing stack is retried, not checked for drift").isEqualTo(Next.Kind.WAIT);
        assertThat(failing.wakeAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anApprovalOfThePlanAwaitingItAppliesThatPlan() {
        StackStatus status = reconciled();
        status.pendingPlan = new PendingPlan("fp-1", "1 to add, 0 to change, 0 to destroy", List.of("+ bucket"),
                GENERATION, NOW.minusSeconds(30));
        assertThat(Schedule.next(MANUAL, status, GENERATION, "fp-1", NOW))
                .isEqualTo(Next.start(Mode.APPLY_APPROVED, "fp-1"));
    }

    @Test
    void aStaleApprovalIsRefusedOnceNamingThePlanToApprove() {
        StackStatus status = reconciled();
        status.pendingPlan = new PendingPlan("fp-2", "1 to add, 0 to change, 0 to destroy", List.of("+ bucket"),
                GENERATION, NOW.minusSeconds(30));
        Next refused = Schedule.next(MANUAL, status, GENERATION, "fp-1", NOW);
        assertThat(refused.kind()).isEqualTo(Next.Kind.REFUSE_APPROVAL);
        assertThat(refused.message()).contains(StackCrd.APPROVE_ANNOTATION + "=fp-1 is stale", "fp-2",
                "nothing was applied", "kubectl annotate --overwrite stack <name> " + StackCrd.APPROVE_ANNOTATION + "=fp-2");

        status.refusedApproval = "fp-1";
        assertThat(Schedule.next(MANUAL, status, GENERATION, "fp-1", NOW).kind())
                .as("refused already: the stack goes on waiting").isEqualTo(Next.Kind.WAIT);
    }

    @Test
    void anApprovalOfAnOlderGenerationsPlanOrOfNoPlanIsRefused() {
        StackStatus status = reconciled();
        status.pendingPlan = new PendingPlan("fp-1", "1 to add", List.of("+ bucket"), GENERATION - 1, NOW);
        assertThat(Schedule.next(MANUAL, status, GENERATION, "fp-1", NOW).message())
                .contains("generation " + (GENERATION - 1), "spec is now generation " + GENERATION);

        status.pendingPlan = null;
        assertThat(Schedule.next(MANUAL, status, GENERATION, "fp-1", NOW).message()).contains("no plan is awaiting");

        status.appliedFingerprint = "fp-1";
        assertThat(Schedule.next(MANUAL, status, GENERATION, "fp-1", NOW).kind())
                .as("the approval of the plan already applied is no news").isEqualTo(Next.Kind.WAIT);
    }
}
