package dev.converge.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.providers.aws.AwsSettings;
import dev.converge.providers.aws.S3StateBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Issue 6's S3 state backend through the engine: state in moto's S3 (nothing local), a second machine
 * sees it, and of two concurrent applies with independent clients exactly one proceeds while the other
 * exits 1 naming the lock holder. moto is reset before each test.
 */
class S3StateEndToEndIT {

    private static final String STACK = "dev";
    private static final String BUCKET = "converge-e2e-state";
    private static final String PREFIX = "stacks/";
    private static final String LOCK_KEY = PREFIX + STACK + "/lock.json";
    private static final String STATE_KEY = PREFIX + STACK + "/state.json";
    private static final Pattern LOCK_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMotoWithStateBucket() {
        MotoServer.reset();
        try (S3Client s3 = MotoServer.s3()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    /** A working directory as on one machine: the stack config only. */
    private Path machine(String name) throws Exception {
        Path workDir = Files.createDirectories(dir.resolve(name));
        MotoServer.writeStackConfig(workDir, STACK, true, Map.of());
        return workDir;
    }

    /** One apply with its own S3 client and backend, as a separate process would have. */
    private static AwsCliRun apply(Path workDir) {
        AwsSettings settings = AwsSettings.from(Map.of("aws.endpoint", MotoServer.endpoint(), "aws.region",
                MotoServer.REGION, "aws.accessKeyId", MotoServer.KEY, "aws.secretAccessKey", MotoServer.KEY), Map.of());
        try (S3StateBackend backend = S3StateBackend.connect(BUCKET, PREFIX, settings)) {
            return AwsCliRun.of(new OwnerTaggedServiceStack(), workDir, Map.of(), backend,
                    "apply", "--auto-approve", "--stack", STACK, "--no-color");
        }
    }

    @Test
    void stateLivesInS3AndAnotherMachineSeesNoChanges() throws Exception {
        Path one = machine("one");
        AwsCliRun first = apply(one);
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Apply complete! Resources: 9 added");
        assertThat(stateObject()).as("s3://" + BUCKET + "/" + STATE_KEY).contains("shop-dev-uploads");
        assertThat(lockObject()).as("lock released after the run").isNull();
        try (var local = Files.walk(one)) {
            assertThat(local.map(p -> one.relativize(p).toString()).filter(p -> p.contains("state")))
                    .as("no local state files").isEmpty();
        }

        AwsCliRun second = apply(machine("two"));
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).as(second.all()).contains("No changes.");
    }

    @Test
    void ofTwoConcurrentAppliesOneProceedsAndTheOtherNamesTheHolder() throws Exception {
        Path a = machine("a");
        Path b = machine("b");
        Set<String> holders = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<?> watcher = pool.submit(() -> watchLockHolders(holders));
            Future<AwsCliRun> runA = pool.submit(() -> {
                start.await();
                return apply(a);
            });
            Future<AwsCliRun> runB = pool.submit(() -> {
                start.await();
                return apply(b);
            });
            List<AwsCliRun> runs = List.of(runA.get(5, TimeUnit.MINUTES), runB.get(5, TimeUnit.MINUTES));
            watcher.cancel(true);

            assertThat(runs).extracting(AwsCliRun::exitCode).as(runs.get(0).all() + "\n=====\n" + runs.get(1).all())
                    .containsExactlyInAnyOrder(0, 1);
            List<AwsCliRun> byExit = runs.stream().sorted(Comparator.comparingInt(AwsCliRun::exitCode)).toList();
            AwsCliRun winner = byExit.get(0);
            AwsCliRun loser = byExit.get(1);
            assertThat(winner.out()).contains("Apply complete! Resources: 9 added, 0 changed, 0 destroyed.");
            assertThat(loser.all()).doesNotContain("Creating...").doesNotContain("Apply complete");
            assertThat(loser.endNanos()).as("refused while the winner still worked").isLessThan(winner.endNanos());

            assertThat(holders).as("exactly one run ever held the lock").hasSize(1);
            String holder = holders.iterator().next();
            assertThat(loser.err()).as(loser.all()).contains("is locked", "s3://" + BUCKET + "/" + PREFIX + STACK,
                    holder, "held by", "for apply");
            assertThat(lockObject()).as("lock released after the run").isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls the lock object until cancelled, collecting every holder id seen. */
    private static void watchLockHolders(Set<String> holders) {
        try (S3Client s3 = MotoServer.s3()) {
            while (!Thread.currentThread().isInterrupted()) {
                String lock = read(s3, LOCK_KEY);
                if (lock != null) {
                    Matcher id = LOCK_ID.matcher(lock);
                    if (id.find()) {
                        holders.add(id.group(1));
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static String lockObject() {
        try (S3Client s3 = MotoServer.s3()) {
            return read(s3, LOCK_KEY);
        }
    }

    private static String stateObject() {
        try (S3Client s3 = MotoServer.s3()) {
            return read(s3, STATE_KEY);
        }
    }

    private static String read(S3Client s3, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            return null;
        }
    }
}
