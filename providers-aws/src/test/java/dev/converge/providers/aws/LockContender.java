package dev.converge.providers.aws;

import dev.converge.spi.state.LockInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A separate process contending for a stack lock, started by {@link S3StateBackendProcessesIT}: connects,
 * prints {@code READY}, waits for a line on standard input (so that all contenders start together),
 * tries once and prints {@code WON <id>} or {@code LOST <id> <holder>}.
 * Arguments: endpoint, bucket, stack, lock id.
 */
public final class LockContender {

    private LockContender() {
    }

    public static void main(String[] args) throws java.io.IOException {
        AwsSettings settings = AwsSettings.from(Map.of("aws.region", "us-east-1", "aws.accessKeyId", "testing",
                "aws.secretAccessKey", "testing", "aws.endpoint", args[0]), Map.of());
        try (S3StateBackend backend = S3StateBackend.connect(args[1], "procs/", settings)) {
            backend.store(args[2]).read();
            System.out.println("READY");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
            Instant now = Instant.now();
            Optional<LockInfo> holder = backend.lock(args[2]).tryAcquire(new LockInfo(args[3], "it", "localhost",
                    ProcessHandle.current().pid(), "apply", now, now));
            System.out.println(holder.isEmpty() ? "WON " + args[3] : "LOST " + args[3] + " " + holder.get().id());
        }
    }
}
