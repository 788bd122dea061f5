package dev.converge.operator.controller;

import dev.converge.operator.StackCrd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The Stack controller of the replica that leads: informers on Stacks and on the operator's Jobs and pods
 * (their events wake the Stack they belong to), a {@link WorkQueue} and a few workers that call the
 * {@link Reconciler}. A reconcile that throws is logged and retried with backoff for that Stack alone; the
 * controller itself never stops because of one Stack. Started once, closed once.
 */
final class Controller implements Caches, AutoCloseable {

    /** Every Stack is looked at this often even without events (a safety net under the informers). */
    static final Duration RESYNC = Duration.ofMinutes(5);
    private static final String BY_RUN = "by-run";

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final WorkQueue queue = new WorkQueue();
    private final RunSlots slots;
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private SharedIndexInformer<GenericKubernetesResource> stacks;
    private SharedIndexInformer<Job> jobs;
    private SharedIndexInformer<Pod> pods;
    private volatile boolean running;

    Controller(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
        this.slots = new RunSlots(settings.maxConcurrentRuns());
    }

    /** Starts the informers, waits until they hold the cluster's objects, then starts the workers. */
    void start() {
        stacks = client.genericKubernetesResources(StackCrd.context()).inAnyNamespace()
                .runnableInformer(RESYNC.toMillis());
        jobs = client.batch().v1().jobs().inAnyNamespace().withLabel(StackCrd.MANAGED_BY, StackCrd.OPERATOR)
                .runnableInformer(0);
        pods = client.pods().inAnyNamespace().withLabel(StackCrd.MANAGED_BY, StackCrd.OPERATOR).runnableInformer(0);
        pods.addIndexers(Map.of(BY_RUN, pod -> List.of(runKey(pod))));
        stacks.addEventHandler(handler(Controller::key));
        jobs.addEventHandler(handler(Controller::stackKey));
        pods.addEventHandler(handler(Controller::stackKey));
        awaitSynced(stacks, jobs, pods);
        for (GenericKubernetesResource stack : stacks.getStore().list()) {
            Object status = stack.getAdditionalProperties().get("status");
            if (status instanceof Map<?, ?> && ((Map<?, ?>) status).get("lastRun") instanceof Map<?, ?> run
                    && run.get("finishedAt") == null) {
                slots.adopt(key(stack), String.valueOf(run.get("job"))); // a run the previous leader started
            }
        }
        Reconciler reconciler = new Reconciler(this, new Cluster(client), settings, slots, queue::add,
                Clock.systemUTC());
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(() -> work(reconciler), "converge-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        Log.info("controller started: " + stacks.getStore().list().size() + " stacks, " + slots.inUse()
                + " runs in flight, at most " + settings.maxConcurrentRuns() + " at once");
    }

    private void work(Reconciler reconciler) {
        while (running) {
            Optional<String> next;
            try {
                next = queue.take(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next.ifPresent(key -> reconcileOne(reconciler, key));
        }
    }

    private void reconcileOne(Reconciler reconciler, String key) {
        try {
            Optional<Duration> again = reconciler.reconcile(key);
            errors.remove(key);
            again.ifPresent(delay -> queue.addAfter(key, delay));
        } catch (RuntimeException e) {
            int failures = errors.merge(key, 1, Integer::sum);
            Duration wait = Duration.ofSeconds(Math.min(300, 1L << Math.min(failures, 9)));
            Log.error("reconcile of stack " + key + " failed (attempt " + failures + ", again in " + wait.toSeconds()
                    + " s): " + e, e);
            queue.addAfter(key, wait);
        } finally {
            queue.done(key);
        }
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, String> key) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue(key.apply(object));
            }

            @Override
            public void onUpdate(T before, T after) {
                enqueue(key.apply(after));
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                enqueue(key.apply(object));
            }
        };
    }

    private void enqueue(String key) {
        if (key != null) {
            queue.add(key);
        }
    }

    @Override
    public GenericKubernetesResource stack(String key) {
        return stacks.getStore().getByKey(key);
    }

    @Override
    public Job job(String namespace, String name) {
        return jobs.getStore().getByKey(namespace + "/" + name);
    }

    @Override
    public List<Pod> pods(String namespace, String job) {
        return pods.getIndexer().byIndex(BY_RUN, namespace + "/" + job);
    }

    static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    /** The Stack a Job or pod of the operator belongs to. */
    static String stackKey(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String stack = labels == null ? null : labels.get(StackCrd.STACK_LABEL);
        return stack == null ? null : object.getMetadata().getNamespace() + "/" + stack;
    }

    private static String runKey(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return pod.getMetadata().getNamespace() + "/" + (labels == null ? "" : labels.getOrDefault(StackCrd.RUN_LABEL, ""));
    }

    private static void awaitSynced(SharedIndexInformer<?>... informers) {
        for (SharedIndexInformer<?> informer : informers) {
            try {
                informer.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the informers started", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the informers could not list the cluster's objects (is the Stack"
                        + " CRD installed, and may the operator's service account list Stacks, Jobs and pods?): " + e, e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        queue.shutDown();
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {stacks, jobs, pods}) {
            if (informer != null) {
                informer.close();
            }
        }
    }
}
