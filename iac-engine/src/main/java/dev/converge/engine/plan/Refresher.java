package dev.converge.engine.plan;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaDiff;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every resource in state back from its provider, in parallel batches of one type each, and
 * returns the state as the real system has it now, with the drift found.
 */
public final class Refresher {

    /** How many resources one batch read asks for. */
    static final int BATCH = 100;

    /** The refreshed state and what changed outside Converge. */
    public record Result(State state, List<Drift> drift) {
    }

    private Refresher() {
    }

    /** The objects of one type that one provider configuration reads in batches. */
    private record Group(String type, String configuration) {
    }

    /**
     * Reads every object through the provider configuration that manages it. Objects whose provider or
     * configuration is missing are kept as stored (the plan reports them if they must change).
     */
    public static Result refresh(State prior, Providers providers, int parallelism) {
        return refresh(prior, providers, parallelism, ReadCalls.direct());
    }

    /** Refreshes with {@code reads} calling the providers (with retries, for instance). */
    public static Result refresh(State prior, Providers providers, int parallelism, ReadCalls reads) {
        Map<Group, List<ReadRequest>> groups = new LinkedHashMap<>();
        for (ResourceState resource : prior.resources().values()) {
            if (providers.forConfiguration(resource.type(), resource.configuration()).isEmpty()) {
                continue;
            }
            groups.computeIfAbsent(new Group(resource.type(), resource.configuration()), group -> new ArrayList<>())
                    .add(new ReadRequest(resource.address(), resource.type(), resource.id(),
                            Values.revealMap(resource.inputs()), Values.revealMap(resource.outputs())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), daemonThreads());
        try {
            List<Future<ReadManyResponse>> futures = new ArrayList<>();
            for (Map.Entry<Group, List<ReadRequest>> entry : groups.entrySet()) {
                String type = entry.getKey().type();
                Provider provider = providers.require(type, entry.getKey().configuration());
                List<ReadRequest> all = entry.getValue();
                for (int from = 0; from < all.size(); from += BATCH) {
                    List<ReadRequest> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                    futures.add(pool.submit(() -> reads.readMany(provider, new ReadManyRequest(type, batch))));
                }
            }
            return merge(prior, providers, futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result merge(State prior, Providers providers, List<Future<ReadManyResponse>> futures) {
        // One mutable copy, not a copy per resource: refresh stays linear at 100,000 resources.
        Map<Address, ResourceState> resources = new java.util.TreeMap<>(prior.resources());
        List<Drift> drift = new ArrayList<>();
        for (Future<ReadManyResponse> future : futures) {
            for (Map.Entry<Address, ReadResponse> entry : await(future).results().entrySet()) {
                ResourceState old = prior.resource(entry.getKey());
                if (old == null) {
                    continue;
                }
                ReadResponse read = entry.getValue();
                if (!read.exists()) {
                    resources.remove(old.address());
                    drift.add(new Drift(old.address(), old.type(), true, List.of()));
                    continue;
                }
                ResourceSchema schema = providers.schema(old.type()).orElse(null);
                Map<String, Object> inputs = InputResolver.markSecrets(read.inputs(), old.inputs(), schema);
                Map<String, Object> outputs = InputResolver.markSecrets(read.outputs(), old.outputs(), schema);
                List<PropertyDiff> changed = new ArrayList<>();
                for (String key : old.inputs().keySet()) {
                    if (inputs.containsKey(key)) {
                        SchemaDiff.compare(key, old.inputs().get(key), inputs.get(key), false, changed);
                    }
                }
                Map<String, Object> merged = new LinkedHashMap<>(old.inputs());
                merged.putAll(inputs);
                resources.put(old.address(), old.withObserved(merged, outputs.isEmpty() ? old.outputs() : outputs));
                if (!changed.isEmpty()) {
                    drift.add(new Drift(old.address(), old.type(), false, changed));
                }
            }
        }
        drift.sort((a, b) -> a.address().compareTo(b.address()));
        return new Result(new State(prior.formatVersion(), prior.stack(), prior.lineage(), prior.serial(), resources,
                prior.outputs()), drift);
    }

    private static ReadManyResponse await(Future<ReadManyResponse> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConvergeException.of("", "refresh was interrupted", "run the command again");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderException failure) {
                throw ConvergeException.of("", "refresh failed: " + failure.getMessage(),
                        "fix the connection to the provider, or plan with --refresh=false to use the stored state");
            }
            throw new IllegalStateException("refresh failed", cause);
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "converge-refresh");
            thread.setDaemon(true);
            return thread;
        };
    }
}
