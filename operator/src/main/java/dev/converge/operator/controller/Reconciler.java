package dev.converge.operator.controller;

import dev.converge.operator.JobResult;
import dev.converge.operator.StackCrd;
import dev.converge.operator.StackSpec;
import dev.converge.operator.StackSpecs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Brings one Stack a step closer to what it asks for, from the informers' view: follows the run in flight
 * (its pod stuck, its result read), or starts the run that is due, or carries out the deletion policy. A run
 * is recorded in the status before its Job is created, under the resourceVersion the decision was made on,
 * and the Job's name is unique per run: a stale decision fails with a conflict, a repeated one creates
 * nothing new, so no stack ever has two runs. Called for one key at a time (the work queue sees to it).
 */
final class Reconciler {

    /** A running Job is looked at this often besides its own events. */
    static final Duration POLL = Duration.ofSeconds(30);
    /** A recorded run whose Job is not (yet) in the cache is created again within this time, then given up. */
    static final Duration JOB_GRACE = Duration.ofMinutes(2);
    private static final Duration SOON = Duration.ofSeconds(1);

    private final Caches caches;
    private final Cluster cluster;
    private final OperatorSettings settings;
    private final StatusModel model;
    private final RunSlots slots;
    private final Consumer<String> wake;
    private final Clock clock;

    Reconciler(Caches caches, Cluster cluster, OperatorSettings settings, RunSlots slots, Consumer<String> wake,
            Clock clock) {
        this.caches = caches;
        this.cluster = cluster;
        this.settings = settings;
        this.model = new StatusModel(settings);
        this.slots = slots;
        this.wake = wake;
        this.clock = clock;
    }

    /** One step for the Stack {@code key}; returns when to look again (empty: at its next change). */
    Optional<Duration> reconcile(String key) {
        GenericKubernetesResource stack = caches.stack(key);
        if (stack == null) {
            free(key);
            return Optional.empty();
        }
        ObjectMeta meta = stack.getMetadata();
        boolean deleting = meta.getDeletionTimestamp() != null;
        boolean finalized = meta.getFinalizers() != null && meta.getFinalizers().contains(StackCrd.FINALIZER);
        if (!finalized) {
            free(key);
            return deleting || cluster.finalizer(stack, true) ? Optional.empty() : Optional.of(SOON);
        }
        StackSpecs.Parsed parsed = StackSpecs.parse(map(stack, "spec"), meta.getName());
        StackStatus status = StackStatus.from(map(stack, "status"));
        Optional<String> holder = slots.holder(key);
        if (status.runInFlight().isEmpty() && holder.isPresent()) {
            if (status.lastRun == null || !holder.get().equals(status.lastRun.job())) {
                // This copy predates our own write of the run that holds the slot: deciding on it would start
                // a second run, or free the slot of the run in flight (more runs than the limit).
                return Optional.of(SOON);
            }
            free(key); // the run the slot was held for is recorded as finished
        }
        Context context = new Context(key, stack, parsed, status, status.toMap(), clock.instant());
        if (status.runInFlight().isPresent()) {
            return follow(context, deleting);
        }
        if (deleting) {
            return delete(context);
        }
        return decide(context);
    }

    /** What one reconcile works on. */
    private record Context(String key, GenericKubernetesResource stack, StackSpecs.Parsed parsed, StackStatus status,
            Map<String, Object> before, Instant now) {
        ObjectMeta meta() {
            return stack.getMetadata();
        }

        String stackName() {
            return parsed.spec().map(StackSpec::stackName).orElse(meta().getName());
        }
    }

    private Optional<Duration> follow(Context c, boolean deleting) {
        RunRecord run = c.status().lastRun;
        Job job = caches.job(c.meta().getNamespace(), run.job());
        if (c.parsed().spec().isEmpty()) {
            return invalid(c);
        }
        StackSpec spec = c.parsed().get();
        if (job == null) {
            if (Duration.between(run.startedAt(), c.now()).compareTo(JOB_GRACE) < 0) {
                slots.adopt(c.key(), run.job());
                cluster.createJob(JobTemplate.build(c.meta(), spec, run, settings));
                return Optional.of(Duration.ofSeconds(5));
            }
            return finish(c, model.failedRun(c.status(), spec, "JobLost", "the Job " + run.job() + " is gone and its"
                    + " result was never read (deleted by hand, or its time to live passed while no controller ran)",
                    c.now()));
        }
        slots.adopt(c.key(), run.job());
        if (deleting && spec.deletionPolicy() == StackSpec.DeletionPolicy.KEEP && run.mode() != JobResult.Mode.DESTROY) {
            cluster.deleteJob(c.meta().getNamespace(), run.job());
            return Optional.of(Duration.ofSeconds(2));
        }
        List<Pod> pods = caches.pods(c.meta().getNamespace(), run.job());
        if (!JobOutcome.finished(job)) {
            Optional<JobOutcome.Failure> stuck = JobOutcome.stuck(pods, spec.image());
            if (stuck.isEmpty()) {
                return Optional.of(POLL);
            }
            cluster.deleteJob(c.meta().getNamespace(), run.job());
            return finish(c, model.failedRun(c.status(), spec, stuck.get().reason(), stuck.get().message(), c.now()));
        }
        Optional<JobOutcome.Result> outcome = JobOutcome.of(job, pods, c.now());
        if (outcome.isEmpty()) {
            return Optional.of(SOON); // the pod's final state has not reached the cache yet
        }
        JobOutcome.Result result = outcome.get();
        return result.result() != null ? finish(c, model.recorded(c.status(), spec, result.result(), c.now()))
                : finish(c, model.failedRun(c.status(), spec, result.failure().reason(), result.failure().message(),
                        c.now()));
    }

    private Optional<Duration> invalid(Context c) {
        RunRecord run = c.status().lastRun;
        if (run != null && !run.finished()) {
            cluster.deleteJob(c.meta().getNamespace(), run.job());
            c.status().lastRun = run.finish(c.now(), "InvalidSpec", "stopped: the spec became invalid");
        }
        StatusModel.invalidSpec(c.status(), generation(c), c.parsed().problems(), c.now());
        return finish(c, Optional.empty());
    }

    private Optional<Duration> decide(Context c) {
        if (c.parsed().spec().isEmpty()) {
            return invalid(c);
        }
        StackSpec spec = c.parsed().get();
        StatusModel.idle(c.status(), spec.suspend(), c.now());
        if (spec.suspend()) {
            return finish(c, Optional.empty());
        }
        String approval = annotation(c.meta(), StackCrd.APPROVE_ANNOTATION);
        Schedule.Next next = Schedule.next(spec, c.status(), generation(c), approval, c.now());
        return switch (next.kind()) {
            case START -> start(c, spec, next.mode(), next.approved());
            case REFUSE_APPROVAL -> finish(c, Optional.of(StatusModel.approvalRefused(c.status(), next.approved(),
                    next.message(), c.now())));
            case WAIT -> {
                Optional<Duration> saved = finish(c, Optional.empty());
                yield saved.isPresent() ? saved : Optional.of(until(c.now(), next.wakeAt()));
            }
        };
    }

    private Optional<Duration> start(Context c, StackSpec spec, JobResult.Mode mode, String approved) {
        ObjectMeta meta = c.meta();
        long number = c.status().runs + 1;
        RunRecord run = new RunRecord(number, JobTemplate.jobName(meta.getName(), meta.getUid(), number), mode,
                generation(c), approved, c.now(), null, "", "");
        if (!slots.tryAcquire(c.key(), run.job())) {
            StatusModel.waiting(c.status(), c.now());
            return save(c) ? Optional.empty() : Optional.of(SOON);
        }
        if (!cluster.serviceAccountExists(meta.getNamespace(), spec.serviceAccountName())) {
            return finish(c, Optional.of(model.notStarted(c.status(), spec, generation(c), "ServiceAccountNotFound",
                    "the service account " + spec.serviceAccountName() + " does not exist in namespace "
                            + meta.getNamespace() + ": create it with the rights your program needs, or fix"
                            + " spec.serviceAccountName", c.now())));
        }
        StatusModel.started(c.status(), run, c.now());
        if (!save(c)) {
            free(c.key());
            return Optional.of(SOON); // decided on a stale copy: decide again on the fresh one
        }
        cluster.createJob(JobTemplate.build(meta, spec, run, settings));
        Log.info(meta.getNamespace() + "/" + meta.getName() + ": run " + number + " (" + mode + ") in Job " + run.job());
        return Optional.of(POLL);
    }

    private Optional<Duration> delete(Context c) {
        StackStatus status = c.status();
        boolean destroy = c.parsed().spec().map(s -> s.deletionPolicy() == StackSpec.DeletionPolicy.DESTROY)
                .orElse(false);
        if (destroy && !status.destroyed) {
            boolean retry = status.lastRun != null && status.lastRun.mode() == JobResult.Mode.DESTROY;
            if (retry && status.nextRunAt != null && c.now().isBefore(status.nextRunAt)) {
                return Optional.of(until(c.now(), status.nextRunAt));
            }
            return start(c, c.parsed().get(), JobResult.Mode.DESTROY, "");
        }
        if (!destroy) {
            cluster.releaseLock(c.meta().getNamespace(), c.stackName()).ifPresent(holder -> cluster.event(c.stack(),
                    new StatusModel.Note(false, "LockReleased", "removed the state lock of stack " + c.stackName()
                            + " held by " + holder.describe() + "; the infrastructure and its state are kept")));
        }
        free(c.key());
        return cluster.finalizer(c.stack(), false) ? Optional.empty() : Optional.of(SOON);
    }

    /** Saves the status and records the note; frees the run slot. */
    private Optional<Duration> finish(Context c, Optional<StatusModel.Note> note) {
        if (!save(c)) {
            return Optional.of(SOON);
        }
        free(c.key());
        note.ifPresent(n -> cluster.event(c.stack(), n));
        return Optional.empty();
    }

    private Optional<Duration> finish(Context c, StatusModel.Note note) {
        return finish(c, Optional.of(note));
    }

    private boolean save(Context c) {
        Map<String, Object> after = c.status().toMap();
        return after.equals(c.before()) || cluster.updateStatus(c.stack(), after);
    }

    private void free(String key) {
        slots.release(key).forEach(wake);
    }

    private static long generation(Context c) {
        Long generation = c.meta().getGeneration();
        return generation == null ? 1 : generation;
    }

    private static Duration until(Instant now, Instant at) {
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? SOON : wait.plusMillis(200);
    }

    private static String annotation(ObjectMeta meta, String name) {
        return meta.getAnnotations() == null ? "" : meta.getAnnotations().getOrDefault(name, "").strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(GenericKubernetesResource stack, String field) {
        Object value = stack.getAdditionalProperties().get(field);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
