package dev.converge.engine.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where this process runs, as recorded in the locks it takes: host name, boot id (the kernel's boot id
 * and this process's pid namespace, because a pid names a process only within one boot of one pid
 * namespace) and the process's start time (so a pid reused by a later process is told apart).
 *
 * <p>Tests simulate another machine with the system property {@value #TEST_OVERRIDE} set to
 * {@code HOST/BOOTID}; it exists only for tests and changes nothing but the identity recorded and
 * compared. Stateless apart from caching the real identity.
 */
final class HostIdentity {

    /** Test only: {@code HOST/BOOTID} replaces this machine's identity (see the class comment). */
    static final String TEST_OVERRIDE = "converge.test.hostIdentity";

    private static final String REAL_HOST = localHost();
    private static final String REAL_BOOT_ID = bootIdOfThisMachine();

    private HostIdentity() {
    }

    static String host() {
        String override = System.getProperty(TEST_OVERRIDE);
        return override == null ? REAL_HOST : override.substring(0, Math.max(0, override.indexOf('/')));
    }

    /** The boot id and pid namespace, or null where the OS does not tell (then pids are never trusted). */
    static String bootId() {
        String override = System.getProperty(TEST_OVERRIDE);
        return override == null ? REAL_BOOT_ID : override.substring(override.indexOf('/') + 1);
    }

    /** When this process started, if the OS tells. */
    static Instant processStart() {
        return ProcessHandle.current().info().startInstant().orElse(null);
    }

    /** Whether a lock by {@code host} with {@code bootId} was taken on this machine in this boot. */
    static boolean isThisMachine(String host, String bootId) {
        String mine = bootId();
        return host().equals(host) && mine != null && mine.equals(bootId);
    }

    /** Process {@code pid} if it runs now. */
    static Optional<ProcessHandle> running(long pid) {
        return pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
    }

    private static String bootIdOfThisMachine() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).strip();
            String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return boot.isEmpty() ? null : boot + " " + namespace;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // not Linux: a lock's pid is then never trusted, only its heartbeat
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env.strip() : "localhost";
        }
    }
}
