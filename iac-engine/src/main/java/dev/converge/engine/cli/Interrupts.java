package dev.converge.engine.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C during an apply: once the changes have started, a shutdown hook asks the engine to start nothing
 * new and waits (up to two minutes) until the calls in flight finished and the state is saved; the command
 * then exits with 130. Before the changes start (planning, the confirmation prompt) Ctrl-C ends the process.
 */
final class Interrupts implements AutoCloseable {

    private final CliContext context;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    Interrupts(CliContext context) {
        this.context = context;
    }

    /** What the engine polls. */
    BooleanSupplier cancelled() {
        return cancelled::get;
    }

    /** Called when the changes start. */
    synchronized void arm() {
        if (hook != null) {
            return;
        }
        hook = new Thread(() -> {
            cancelled.set(true);
            context.err().println("\nInterrupt received: starting nothing new, waiting for running operations "
                    + "to finish and saving state...");
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "converge-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public synchronized void close() {
        finished.countDown();
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (Ctrl-C): the hook is running and waits for us.
        }
    }
}
