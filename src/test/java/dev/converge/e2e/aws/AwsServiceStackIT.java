package dev.converge.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Issue 6 end to end: the AWS example ({@code AwsServiceStack}: bucket, table, queue with dead-letter
 * queue, topic subscribed to the queue, IAM role with a policy) through the command line against moto,
 * with local state. moto is reset before each test.
 */
class AwsServiceStackIT {

    private static final String STACK = "dev";
    private static final String DLQ_NAME = "shop-dev-orders-dlq";
    private static final String BUCKET_NAME = "shop-dev-uploads";
    /** bucket, table, two queues, topic, subscription, role, policy, attachment */
    private static final int RESOURCES = 9;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMoto() throws IOException {
        MotoServer.reset();
        MotoServer.writeStackConfig(dir, STACK, true, Map.of());
    }

    private AwsCliRun cli(Map<String, String> env, String... args) {
        return AwsCliRun.of(new OwnerTaggedServiceStack(), dir, env, args);
    }

    private AwsCliRun cli(String... args) {
        return cli(Map.of(), args);
    }

    @Test
    void applyIsIdempotentOneTagIsOneUpdateAndADeletedQueueIsSeenAndRecreated() {
        AwsCliRun first = cli("apply", "--auto-approve", "--stack", STACK, "--no-color");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).as(first.all()).contains("Apply complete! Resources: " + RESOURCES + " added, 0 changed,"
                + " 0 destroyed.");

        AwsCliRun second = cli("apply", "--auto-approve", "--stack", STACK, "--no-color");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).as(second.all()).contains("No changes.").doesNotContain("Creating...");

        AwsCliRun retag = cli(Map.of("CONVERGE_E2E_OWNER", "team-b"), "apply", "--auto-approve", "--stack", STACK,
                "--no-color");
        assertThat(retag.exitCode()).as(retag.all()).isZero();
        assertThat(retag.out()).as(retag.all()).contains("# uploads will be updated in-place")
                .contains("Plan: 0 to add, 1 to change, 0 to destroy.")
                .contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
        assertThat(bucketTags()).containsEntry("owner", "team-b").containsEntry("team", "platform");

        deleteDeadLetterQueueOutOfBand();
        Map<String, String> teamB = Map.of("CONVERGE_E2E_OWNER", "team-b");
        AwsCliRun plan = cli(teamB, "plan", "--detailed-exitcode", "--stack", STACK, "--no-color");
        assertThat(plan.exitCode()).as("plan exit code with changes: " + plan.all()).isEqualTo(2);
        assertThat(plan.out()).as(plan.all()).contains("# orders-dlq has been deleted")
                .contains("# orders-dlq will be created");

        AwsCliRun repair = cli(teamB, "apply", "--auto-approve", "--stack", STACK, "--no-color");
        assertThat(repair.exitCode()).as(repair.all()).isZero();
        assertThat(repair.out()).as(repair.all()).containsPattern("Apply complete! Resources: 1 added, \\d+ changed");
        assertThat(queueExists(DLQ_NAME)).as("dead-letter queue recreated").isTrue();

        AwsCliRun settled = cli(teamB, "plan", "--detailed-exitcode", "--stack", STACK, "--no-color");
        assertThat(settled.exitCode()).as("converged after the repair: " + settled.all()).isZero();
    }

    @Test
    void wrongEndpointOrMissingCredentialsFailClearlyWithExitOneAndNoStateChange() throws Exception {
        AwsCliRun first = cli("apply", "--auto-approve", "--stack", STACK, "--no-color");
        assertThat(first.exitCode()).as(first.all()).isZero();
        Map<String, String> before = stateFiles();
        assertThat(before).as("local state written").isNotEmpty();

        AwsCliRun wrongByEnv = cli(Map.of("CONVERGE_AWS_ENDPOINT", "http://127.0.0.1:1", "CONVERGE_E2E_OWNER",
                "team-b"), "apply", "--auto-approve", "--stack", STACK, "--no-color");
        assertRefused(wrongByEnv, "cannot reach the AWS endpoint", "aws.endpoint");
        assertThat(stateFiles()).as("state after a wrong CONVERGE_AWS_ENDPOINT").isEqualTo(before);

        MotoServer.writeStackConfig(dir, STACK, true, Map.of("aws.endpoint", "http://127.0.0.1:1"));
        AwsCliRun wrongByConfig = cli(Map.of("CONVERGE_E2E_OWNER", "team-b"), "apply", "--auto-approve",
                "--stack", STACK, "--no-color");
        assertRefused(wrongByConfig, "cannot reach the AWS endpoint", "aws.endpoint");
        assertThat(stateFiles()).as("state after a wrong aws.endpoint").isEqualTo(before);

        MotoServer.writeStackConfig(dir, STACK, false, Map.of(OwnerTaggedServiceStack.OWNER_KEY, "team-b"));
        ProcessResult noKeys = runWithoutCredentials("apply", "--auto-approve", "--stack", STACK, "--no-color");
        assertThat(noKeys.exitCode()).as(noKeys.output()).isEqualTo(1);
        assertThat(noKeys.output()).contains("no AWS credentials", "aws.accessKeyId", "AWS_ACCESS_KEY_ID")
                .doesNotContain("Exception in thread").doesNotContain("Apply complete");
        assertThat(stateFiles()).as("state after missing credentials").isEqualTo(before);
        assertThat(bucketTags()).as("nothing changed in AWS").containsEntry("owner", "team-a");
    }

    private static void assertRefused(AwsCliRun run, String... phrases) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).as(run.all()).contains(phrases);
        assertThat(run.all()).doesNotContain("Apply complete").doesNotContain("\tat ");
    }

    /** Every file of the local state directory with its bytes (as text), so any change shows. */
    private Map<String, String> stateFiles() throws IOException {
        Path state = dir.resolve(".converge");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(state)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(state.relativize(file).toString(), Base64.getEncoder()
                        .encodeToString(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private void deleteDeadLetterQueueOutOfBand() {
        try (SqsClient sqs = MotoServer.sqs()) {
            String url = sqs.getQueueUrl(b -> b.queueName(DLQ_NAME)).queueUrl();
            sqs.deleteQueue(b -> b.queueUrl(url));
        }
        assertThat(queueExists(DLQ_NAME)).as("deleted out of band").isFalse();
    }

    private static boolean queueExists(String name) {
        try (SqsClient sqs = MotoServer.sqs()) {
            sqs.getQueueUrl(b -> b.queueName(name));
            return true;
        } catch (QueueDoesNotExistException e) {
            return false;
        }
    }

    private static Map<String, String> bucketTags() {
        try (S3Client s3 = MotoServer.s3()) {
            Map<String, String> tags = new TreeMap<>();
            for (Tag tag : s3.getBucketTagging(b -> b.bucket(BUCKET_NAME)).tagSet()) {
                tags.put(tag.key(), tag.value());
            }
            return tags;
        }
    }

    /** The outcome of a CLI run in its own JVM. */
    private record ProcessResult(int exitCode, String output) {
    }

    /**
     * Runs the CLI in a separate JVM whose environment holds no AWS credentials of any kind, so the SDK's
     * default chain finds none whatever the test JVM's environment or home directory holds.
     */
    private ProcessResult runWithoutCredentials(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                AwsCliMain.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CONVERGE_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_PROFILE", "converge-e2e-no-such-profile");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("CLI process finished").isTrue();
        return new ProcessResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
