package dev.converge.providers.aws;

import dev.converge.engine.ConvergeException;
import dev.converge.engine.state.StateSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A lock holder in its own JVM, started by {@link S3PausedHolderIT} with a simulated host identity:
 * opens the stack on moto's S3 (lease 4 s), writes version 1, prints {@code READY <lock id>} and waits
 * for a line on standard input (the test pauses it with SIGSTOP meanwhile), then tries to write version
 * 2 and prints {@code WROTE} (exit 0) or {@code FENCED <message>} (exit 3).
 * Arguments: endpoint, bucket, stack.
 */
public final class PausedLockHolder {

    private PausedLockHolder() {
    }

    public static void main(String[] args) throws java.io.IOException {
        AwsSettings settings = AwsSettings.from(Map.of("aws.region", "us-east-1", "aws.accessKeyId", "testing",
                "aws.secretAccessKey", "testing", "aws.endpoint", args[0]), Map.of());
        try (S3StateBackend backend = S3StateBackend.connect(args[1], "paused/", settings);
                StateSession session = StateSession.open(backend, args[2], new StateSession.Options("apply",
                        Duration.ZERO, Map.of("lock.lease", "4s")))) {
            session.commit(Map.of("written", "1"));
            System.out.println("READY " + session.lock().id());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            try {
                session.commit(Map.of("written", "by the paused holder"));
                System.out.println("WROTE");
                System.exit(0);
            } catch (ConvergeException e) {
                System.out.println("FENCED " + e.getMessage().replace('\n', ' '));
                System.out.flush();
                System.exit(3);
            }
        }
    }
}
