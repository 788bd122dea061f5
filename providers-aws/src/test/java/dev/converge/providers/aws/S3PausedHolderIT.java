package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.state.StateSession;
import dev.converge.engine.state.Takeover;
import dev.converge.testing.RequiredServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lease and fencing rules on moto's S3 with real processes: a holder of another (simulated) host is
 * paused with SIGSTOP; a run on this host is refused while the holder's heartbeat is within the 4 s lease,
 * takes the lock over once it lapsed (with {@code If-Match} on the lock object's ETag) and writes; the
 * holder, resumed with SIGCONT, is refused its next write and changes no object of the stack.
 */
class S3PausedHolderIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.MOTO;

    private static final String BUCKET = "converge-state-paused";
    private static final String STACK = "paused";
    private static final Map<String, String> LEASE = Map.of("lock.lease", "4s");

    private Process holder;

    @BeforeAll
    static void createBucket() {
        Moto.reset();
        try (AwsClients clients = Moto.clients()) {
            clients.s3().createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterEach
    void stopHolder() throws Exception {
        if (holder != null && holder.isAlive()) {
            signal("CONT");
            holder.destroyForcibly();
        }
    }

    @Test
    void aPausedHolderIsTakenOverAfterTheLeaseAndFencedWhenItResumes() throws Exception {
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dconverge.test.hostIdentity=other-host/other-boot", "-cp", System.getProperty("java.class.path"),
                PausedLockHolder.class.getName(), Moto.endpoint(), BUCKET, STACK).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        assertThat(ready).as("holder output").startsWith("READY ");
        String lockId = ready.substring("READY ".length());
        signal("STOP");
        Instant pausedAt = Instant.now();

        try (S3StateBackend backend = S3StateBackend.connect(BUCKET, "paused/", Moto.settings())) {
            assertThatThrownBy(() -> StateSession.open(backend, STACK, new StateSession.Options("apply",
                    Duration.ZERO, LEASE))).isInstanceOf(ConvergeException.class)
                    .hasMessageContainingAll("is locked: lock " + lockId, "@other-host", "heartbeat silent", "of 4 s");
            try (StateSession taker = StateSession.open(backend, STACK, new StateSession.Options("apply",
                    Duration.ofSeconds(60), LEASE))) {
                assertThat(Duration.between(pausedAt, Instant.now())).as("not before the lease lapsed")
                        .isGreaterThan(Duration.ofSeconds(3));
                Takeover takeover = taker.takeover().orElseThrow();
                assertThat(takeover.previous().id()).isEqualTo(lockId);
                assertThat(takeover.reason()).contains("heartbeat has been silent for").contains("lease of 4 s");
                assertThat(taker.lock().generation()).isEqualTo(takeover.previous().generation() + 1);
                taker.commit(Map.of("written", "by the taker"));
            }
            Map<String, String> taken = objects();

            OutputStream go = holder.getOutputStream();
            go.write('\n');
            go.flush();
            signal("CONT");
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String outcome = out.readLine();
            assertThat(holder.exitValue()).as(outcome).isEqualTo(3);
            assertThat(outcome).startsWith("FENCED").contains("this run lost the lock").contains(lockId);
            assertThat(objects()).as("the fenced holder changed no object of the stack").isEqualTo(taken);
            assertThat(StateSession.load(backend, STACK, Map.of()).outputs()).containsEntry("written", "by the taker");
        }
    }

    /** Every object of the stack with its ETag. */
    private static Map<String, String> objects() {
        try (AwsClients clients = Moto.clients()) {
            S3Client s3 = clients.s3();
            Map<String, String> all = new TreeMap<>();
            s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("paused/")).contents()
                    .forEach(o -> all.put(o.key(), o.eTag()));
            return all;
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(holder.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
