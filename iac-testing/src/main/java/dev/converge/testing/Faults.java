package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.spi.ProviderException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * Fault rules of a {@link FakeProvider}. A rule fails a call before it changes the fake cloud, or
 * after (the change happened but the caller sees a failure: an unknown outcome). Thread-safe.
 */
public final class Faults {

    /** When a fault strikes relative to the change in the cloud. */
    public enum When {
        BEFORE,
        AFTER
    }

    /** A rule; {@code throttle} is the Retry-After of a throttling fault (zero for none), null if it is no throttle. */
    private record Rule(BiPredicate<Operation, Address> matches, When when, boolean retryable, AtomicInteger remaining,
            java.time.Duration throttle) {
        Rule(BiPredicate<Operation, Address> matches, When when, boolean retryable, AtomicInteger remaining) {
            this(matches, when, retryable, remaining, null);
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();

    /** Fails the next {@code times} matching calls before they change anything. */
    public Faults fail(Operation operation, Address address, int times, boolean retryable) {
        rules.add(new Rule((op, at) -> op == operation && at.equals(address), When.BEFORE, retryable,
                new AtomicInteger(times)));
        return this;
    }

    /**
     * Throttles the next {@code times} matching calls before they change anything, as a backend refusing
     * one call too many does: a retryable failure that also asks the engine to slow down, with the server's
     * {@code retryAfter} (zero for none).
     */
    public Faults throttle(Operation operation, Address address, int times, java.time.Duration retryAfter) {
        rules.add(new Rule((op, at) -> op == operation && at.equals(address), When.BEFORE, true,
                new AtomicInteger(times), retryAfter));
        return this;
    }

    /** Fails matching calls with a rule of your own. */
    public Faults failWhen(BiPredicate<Operation, Address> matches, When when, boolean retryable, int times) {
        rules.add(new Rule(matches, when, retryable, new AtomicInteger(times)));
        return this;
    }

    /** Fails each call with {@code probability}, reproducibly for a seed, before or after the change. */
    public Faults random(double probability, long seed) {
        Random random = new Random(seed);
        rules.add(new Rule((op, at) -> op != Operation.READ && nextDouble(random) < probability,
                When.BEFORE, false, new AtomicInteger(Integer.MAX_VALUE)));
        return this;
    }

    private static synchronized double nextDouble(Random random) {
        return random.nextDouble();
    }

    public void clear() {
        rules.clear();
    }

    /** How many faults were injected so far. */
    public int injected() {
        return injected.get();
    }

    void before(Operation operation, Address address) {
        check(operation, address, When.BEFORE);
    }

    void after(Operation operation, Address address) {
        check(operation, address, When.AFTER);
    }

    private void check(Operation operation, Address address, When when) {
        for (Rule rule : rules) {
            if (rule.when() == when && rule.matches().test(operation, address)
                    && rule.remaining().getAndDecrement() > 0) {
                injected.incrementAndGet();
                String message = "injected fault: " + operation.name().toLowerCase(java.util.Locale.ROOT)
                        + " of " + address + " failed" + (when == When.AFTER ? " after the change" : "");
                if (rule.throttle() != null) {
                    throw ProviderException.throttled(message + " (throttled)", rule.throttle(), null);
                }
                throw rule.retryable() ? ProviderException.retryable(message) : ProviderException.fatal(message);
            }
        }
    }
}
