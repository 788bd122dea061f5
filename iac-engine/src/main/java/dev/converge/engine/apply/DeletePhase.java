package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.ProviderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deletes after the forward phase: resources no longer declared and objects deposed by
 * create-before-delete replacements. A resource is deleted only after everything that depended on it
 * is gone, and not at all while a resource that still uses it failed to move on.
 */
final class DeletePhase {

    private DeletePhase() {
    }

    static void run(Plan plan, StateSession session, ResourceOperations operations, ExecutorService workers,
            Map<Address, Executor.Outcome> forward, List<ResourceState> deposed, AtomicBoolean cancelled,
            List<Diagnostic> failures, AtomicInteger destroyed) {
        Map<Address, ResourceState> victims = new LinkedHashMap<>();
        dev.converge.engine.state.State current = session.state();
        for (Change change : plan.changes()) {
            if (change.kind() == Change.Kind.DELETE) {
                ResourceState resource = current.resource(change.address());
                if (resource != null) {
                    victims.put(resource.address(), resource);
                }
            }
        }
        synchronized (deposed) {
            deposed.forEach(old -> victims.put(old.address(), old));
        }
        Map<Address, List<Address>> usersOf = new HashMap<>();
        for (ResourceState resource : current.resources().values()) {
            for (Address dependency : resource.dependencies()) {
                usersOf.computeIfAbsent(dependency, key -> new ArrayList<>()).add(resource.address());
            }
        }
        Map<Address, CompletableFuture<Boolean>> futures = new HashMap<>();
        for (ResourceState victim : victims.values()) {
            schedule(victim, victims, usersOf, futures, forward, operations, workers, cancelled, failures, destroyed);
        }
        futures.values().forEach(CompletableFuture::join);
    }

    private static CompletableFuture<Boolean> schedule(ResourceState victim, Map<Address, ResourceState> victims,
            Map<Address, List<Address>> usersOf, Map<Address, CompletableFuture<Boolean>> futures,
            Map<Address, Executor.Outcome> forward, ResourceOperations operations, ExecutorService workers,
            AtomicBoolean cancelled, List<Diagnostic> failures, AtomicInteger destroyed) {
        CompletableFuture<Boolean> existing = futures.get(victim.address());
        if (existing != null) {
            return existing;
        }
        futures.put(victim.address(), new CompletableFuture<>()); // guards against cycles in recorded deps
        List<CompletableFuture<Boolean>> before = new ArrayList<>();
        Address original = originalAddress(victim.address());
        boolean blocked = false;
        for (Address user : usersOf.getOrDefault(original, List.of())) {
            if (victims.containsKey(user) && !user.equals(victim.address())) {
                before.add(schedule(victims.get(user), victims, usersOf, futures, forward, operations, workers,
                        cancelled, failures, destroyed));
            }
            Executor.Outcome outcome = forward.get(user);
            blocked |= outcome == Executor.Outcome.FAILED || outcome == Executor.Outcome.SKIPPED;
        }
        boolean keep = blocked;
        CompletableFuture<Boolean> node = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                .thenApplyAsync(ignored -> {
                    if (keep || cancelled.get() || before.stream().anyMatch(f -> !f.join())) {
                        if (keep) {
                            failures.add(Diagnostic.error(victim.address().toString(),
                                    "not deleted: a resource that uses it failed to change", "fix that resource and apply again"));
                        }
                        return false;
                    }
                    try {
                        operations.delete(victim);
                        destroyed.incrementAndGet();
                        return true;
                    } catch (ProviderException e) {
                        failures.add(Diagnostic.error(victim.address().toString(), e.getMessage(), ""));
                        return false;
                    }
                }, workers);
        CompletableFuture<Boolean> placeholder = futures.get(victim.address());
        node.whenComplete((value, error) -> placeholder.complete(error == null && value));
        return placeholder;
    }

    /** The address a deposed object was replaced at, so its users are found. */
    private static Address originalAddress(Address address) {
        String name = address.name();
        int mark = name.indexOf("[deposed-");
        return mark < 0 ? address : address.parent().child(name.substring(0, mark));
    }
}
