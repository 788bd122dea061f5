package dev.converge.operator.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator's process: every replica takes part in a leader election on the Lease
 * {@code converge-operator} in its namespace; the leader runs the {@link Controller}, the others wait. A
 * leader that loses its Lease stops at once (the process exits and Kubernetes restarts it as a follower);
 * one that is stopped (SIGTERM, its pod deleted) gives its Lease up on the way out, so a follower leads
 * within its next retry instead of after the whole lease.
 */
public final class OperatorMain {

    /** The Lease of the leader election. */
    public static final String LEADER_LEASE = "converge-operator";

    private OperatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        OperatorSettings settings = OperatorSettings.from(System.getenv());
        KubernetesClient client = new KubernetesClientBuilder().build();
        AtomicReference<Controller> leading = new AtomicReference<>();
        CountDownLatch lost = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger();
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> {
            Log.info(settings.identity() + " leads: starting the controller");
            Controller controller = new Controller(client, settings);
            leading.set(controller);
            try {
                controller.start();
            } catch (RuntimeException e) {
                Log.error("the controller cannot start; this replica exits and is restarted", e);
                exitCode.set(1);
                lost.countDown();
            }
        }, () -> {
            Log.info(settings.identity() + " stopped leading");
            lost.countDown();
        }, leader -> Log.info("the leader is " + leader));
        CompletableFuture<?> election = new LeaderElectorBuilder(client, Executors.newSingleThreadExecutor())
                .withConfig(new LeaderElectionConfigBuilder().withName(LEADER_LEASE)
                        .withLock(new LeaseLock(settings.namespace(), LEADER_LEASE, settings.identity()))
                        .withLeaseDuration(settings.leaseDuration()).withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod()).withReleaseOnCancel(true)
                        .withLeaderCallbacks(callbacks).build())
                .build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Controller controller = leading.get();
            if (controller != null) {
                controller.close();
            }
            election.cancel(true); // gives the Lease up (releaseOnCancel)
        }, "converge-operator-stop"));
        Log.info(settings.identity() + " in namespace " + settings.namespace() + " joins the leader election");
        election.whenComplete((done, error) -> lost.countDown());
        lost.await();
        System.exit(exitCode.get());
    }
}
