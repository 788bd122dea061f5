package dev.converge.engine.automation;

import dev.converge.engine.apply.ExecutionResult;
import dev.converge.engine.state.StateSession;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link StackEngine#rollback}: under the stack's lock and after recovery, plans the restore of an earlier
 * serial, asks for approval, applies it, records the release and pins the stack to that serial, so that an
 * apply of the unchanged program refuses. Not thread-safe.
 */
final class RollbackRun {

    private final Pipeline pipeline;
    private final Events events;

    RollbackRun(Pipeline pipeline, Events events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    RollbackResult run(RollbackRequest request) {
        String fingerprint = Rollback.programFingerprint(pipeline.graph());
        ReleaseLog log = Releases.log(pipeline);
        try (StateSession session = pipeline.lock("rollback")) {
            List<Recovered> recovered = ApplyRun.recover(pipeline, session, events);
            long from = session.state().serial();
            long target = request.toSerial().orElseGet(() -> previous(log.list(), from));
            Rollback.Prepared prepared = Rollback.plan(pipeline, session, target, request.allowDataChanges());
            events.emit(new EngineEvent.RollbackPlanned(prepared.plan(), from, target, prepared.dataChanges()));
            if (!request.approval().approve(prepared.plan())) {
                return new RollbackResult(from, target, prepared.dataChanges(), ApplyRun.unchanged(
                        ApplyResult.Status.DECLINED, prepared.plan(), session.state().outputs(), recovered,
                        session.state()), false);
            }
            events.emit(new EngineEvent.ApplyStarted(prepared.plan().summary()));
            ExecutionResult result = Rollback.apply(pipeline, session, prepared, events, request.cancelled());
            OptionalLong serial = ApplyRun.serial(Releases.record(pipeline, session.state(), result.succeeded(),
                    "rollback", target));
            boolean pinned = result.succeeded() && pipeline.settings().releaseLog();
            if (pinned) {
                log.pin(new ReleaseLog.Pin(target, fingerprint));
            }
            return new RollbackResult(from, target, prepared.dataChanges(), ApplyRun.applied(prepared.plan(), result,
                    session.state(), recovered, serial), pinned);
        }
    }

    /** The serial the release before the newest one wrote; without releases, the serial before. */
    private static long previous(List<Release> releases, long current) {
        List<Release> earlier = releases.stream().filter(r -> r.ok() && r.serial() < current).toList();
        if (!earlier.isEmpty()) {
            return earlier.get(earlier.size() - 1).serial();
        }
        return current - 1;
    }
}
