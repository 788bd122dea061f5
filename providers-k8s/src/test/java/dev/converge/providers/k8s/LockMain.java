package dev.converge.providers.k8s;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A process that takes a stack's Lease lock through {@link KubernetesStateBackend} (connected with
 * {@code KUBECONFIG}), for the two-process lock test. Arguments: namespace, stack, lock id, a file whose
 * appearance is the start signal, how long to hold the lock (ms). Prints {@code READY} once connected,
 * then {@code ACQUIRED <id>} and {@code RELEASED}, or {@code REFUSED <holder>}.
 */
public final class LockMain {

    private LockMain() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[0];
        String stack = args[1];
        String id = args[2];
        Path go = Path.of(args[3]);
        long holdMillis = Long.parseLong(args[4]);
        try (KubernetesStateBackend backend = KubernetesStateBackend.connect(null, null, namespace)) {
            StateLock lock = backend.lock(stack);
            lock.holder(); // connected (TLS handshake done) before the start signal
            System.out.println("READY");
            while (!Files.exists(go)) {
                Thread.sleep(1);
            }
            Instant now = Instant.now();
            LockInfo mine = new LockInfo(id, System.getProperty("user.name"), InetAddress.getLocalHost().getHostName(),
                    ProcessHandle.current().pid(), "apply", now, now);
            Optional<LockInfo> holder = lock.tryAcquire(mine);
            if (holder.isPresent()) {
                System.out.println("REFUSED " + holder.get().describe());
                return;
            }
            System.out.println("ACQUIRED " + id);
            Thread.sleep(holdMillis);
            lock.release(id);
            System.out.println("RELEASED");
        }
    }

    /** Starts this main in a new JVM with the test class path; output (both streams) to {@code log}. */
    static Process fork(Path log, String namespace, String stack, String id, Path go, long holdMillis) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, LockMain.class.getName(),
                namespace, stack, id, go.toString(), Long.toString(holdMillis));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until every process printed {@code READY}; fails with their output after a minute. */
    static void awaitReady(List<Path> logs) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            boolean all = true;
            for (Path log : logs) {
                all &= KubernetesStateBackendIT.read(log).contains("READY");
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder text = new StringBuilder();
                for (Path log : logs) {
                    text.append(KubernetesStateBackendIT.read(log)).append("\n---\n");
                }
                throw new AssertionError("the lock processes did not connect within a minute:\n" + text);
            }
            Thread.sleep(20);
        }
    }
}
