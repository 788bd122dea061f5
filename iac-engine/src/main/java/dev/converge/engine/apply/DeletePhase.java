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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Deletes after the forward phase: resources no longer declared and objects deposed by
 * create-before-delete replacements. A resource is deleted only after everything that depended on it
 * is gone, and not at all while a resource that still uses it failed to move on.
 */
final class DeletePhase {

    /** What the delete phase works with and reports into, shared with the {@link Executor}. */
    record Run(Plan plan, StateSession session, ResourceOperations operations, ExecutorService workers,
            Map<Address, ExecutionResult.Outcome> forward, BooleanSupplier cancelled, List<Diagnostic> failures,
            AtomicInteger destroyed, Map<Address, ExecutionResult.Outcome> outcomes, Progress progress) {
    }

    private final Run run;
    private final Map<Address, ResourceState> victims = new LinkedHashMap<>();
    private final Map<Address, List<Address>> usersOf = new HashMap<>();
    private final Map<Address, CompletableFuture<Boolean>> futures = new HashMap<>();

    private DeletePhase(Run run) {
        this.run = run;
    }

    static void run(Run run, List<ResourceState> deposed) {
        DeletePhase phase = new DeletePhase(run);
        dev.converge.engine.state.State current = run.session().state();
        for (Change change : run.plan().changes()) {
            if (change.kind() == Change.Kind.DELETE) {
                ResourceState resource = current.resource(change.address());
                if (resource != null) {
                    phase.victims.put(resource.address(), resource);
                }
            }
        }
        synchronized (deposed) {
            deposed.forEach(old -> phase.victims.put(old.address(), old));
        }
        for (ResourceState resource : current.resources().values()) {
            for (Address dependency : resource.dependencies()) {
                phase.usersOf.computeIfAbsent(dependency, key -> new ArrayList<>()).add(resource.address());
            }
        }
        for (ResourceState victim : phase.victims.values()) {
            phase.schedule(victim);
        }
        phase.futures.values().forEach(CompletableFuture::join);
    }

    private CompletableFuture<Boolean> schedule(ResourceState victim) {
        CompletableFuture<Boolean> existing = futures.get(victim.address());
        if (existing != null) {
            return existing;
        }
        futures.put(victim.address(), new CompletableFuture<>()); // guards against cycles in recorded deps
        List<CompletableFuture<Boolean>> before = new ArrayList<>();
        boolean blocked = false;
        Address replacedAt = victim.isDeposed() ? victim.deposed().of() : victim.address();
        for (Address user : usersOf.getOrDefault(replacedAt, List.of())) {
            if (victims.containsKey(user) && !user.equals(victim.address())) {
                before.add(schedule(victims.get(user)));
            }
            ExecutionResult.Outcome outcome = run.forward().get(user);
            blocked |= outcome == ExecutionResult.Outcome.FAILED || outcome == ExecutionResult.Outcome.SKIPPED;
        }
        boolean keep = blocked;
        CompletableFuture<Boolean> node = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                .thenApplyAsync(ignored -> delete(victim, keep, before), run.workers());
        CompletableFuture<Boolean> placeholder = futures.get(victim.address());
        node.whenComplete((value, error) -> placeholder.complete(error == null && value));
        return placeholder;
    }

    private boolean delete(ResourceState victim, boolean keep, List<CompletableFuture<Boolean>> before) {
        Address address = victim.address();
        if (keep || run.cancelled().getAsBoolean() || before.stream().anyMatch(f -> !f.join())) {
            if (keep) {
                run.failures().add(Diagnostic.error(address.toString(),
                        "not deleted: a resource that uses it failed to change", "fix that resource and apply again"));
            }
            run.progress().skipped(address, keep ? "a resource that uses it failed to change"
                    : run.cancelled().getAsBoolean() ? "the run was cancelled" : "a resource that uses it was not deleted");
            run.outcomes().put(address, ExecutionResult.Outcome.SKIPPED);
            return false;
        }
        try {
            run.operations().delete(victim);
            run.destroyed().incrementAndGet();
            run.outcomes().put(address, ExecutionResult.Outcome.DONE);
            return true;
        } catch (ProviderException e) {
            run.failures().add(Diagnostic.error(address.toString(), e.getMessage(), ""));
            run.outcomes().put(address, ExecutionResult.Outcome.FAILED);
            return false;
        }
    }
}
