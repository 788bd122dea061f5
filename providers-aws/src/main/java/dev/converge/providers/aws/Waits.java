package dev.converge.providers.aws;

import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How SDK waiters poll: from half a second, backing off to five seconds, until a deadline. The SDK's
 * own defaults poll EC2 every 15 s and DynamoDB every 20 s, which would add that much to every create
 * against fast endpoints (moto) and to many against AWS.
 */
final class Waits {

    /** The deadline when the caller gave none. */
    static final Duration DEFAULT = Duration.ofMinutes(10);

    private Waits() {
    }

    static Consumer<WaiterOverrideConfiguration.Builder> upTo(Duration timeout) {
        Duration deadline = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT : timeout;
        return config -> config.maxAttempts(10_000).waitTimeout(deadline)
                .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(500),
                        Duration.ofSeconds(5)));
    }

    static Consumer<WaiterOverrideConfiguration.Builder> standard() {
        return upTo(DEFAULT);
    }
}
