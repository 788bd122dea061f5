package dev.converge.engine.apply;

import dev.converge.api.Address;
import dev.converge.api.ResourceOptions;
import dev.converge.engine.plan.InputResolver;
import dev.converge.engine.plan.Providers;
import dev.converge.engine.state.DeposedKey;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.StateSession;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the intents an interrupted run left in the journal, without a human, as each operation's
 * {@link JournalOperation#onRecovery()} says: a create whose outcome is unknown is looked up by the
 * ownership labels the provider put on the object and adopted (extra copies are recorded as deposed, so
 * the next apply deletes them); an unfinished delete, update, restart, promote or abort is re-read.
 * State-only intents need nothing. Each resolution is journaled under the intent's own sequence number,
 * so it is never resolved twice.
 */
public final class Recovery {

    /** How one pending intent was resolved. */
    public enum Resolution {
        ADOPTED,
        NOTHING_CREATED,
        STILL_EXISTS,
        GONE,
        STATE_ONLY,
        /** The lookup failed (the provider was unreachable); the intent stays for the next run. */
        DEFERRED
    }

    /**
     * One resolved intent.
     *
     * @param message one line for the user, naming the address, the operation and what was done
     */
    public record Resolved(Address address, JournalOperation operation, Resolution resolution, String message) {
    }

    private Recovery() {
    }

    /** Resolves every pending intent it can; one result per intent. */
    public static List<Resolved> resolve(StateSession session, Providers providers, String stack) {
        List<Resolved> report = new ArrayList<>();
        for (StateSession.PendingIntent intent : session.pendingIntents()) {
            if (intent.type() != null && !providers.declares(intent.type(), intent.configuration())
                    && !intent.configuration().isEmpty()) {
                report.add(new Resolved(intent.address(), intent.operation(), Resolution.DEFERRED, intent.address()
                        + ": could not resolve the interrupted '" + intent.operation().text() + "': its provider "
                        + "configuration '" + intent.configuration() + "' is not declared by the program; declare it"
                        + " again to resolve it"));
                continue;
            }
            try {
                report.add(resolveOne(session, providers, stack, intent));
            } catch (ProviderException e) {
                report.add(new Resolved(intent.address(), intent.operation(), Resolution.DEFERRED, intent.address()
                        + ": could not resolve the interrupted '" + intent.operation().text() + "' yet ("
                        + e.getMessage() + "); it will be retried on the next run"));
            }
        }
        return report;
    }

    private static Resolved resolveOne(StateSession session, Providers providers, String stack,
            StateSession.PendingIntent intent) {
        Optional<Provider> provider = intent.type() == null ? Optional.empty()
                : providers.forConfiguration(intent.type(), intent.configuration());
        JournalOperation.OnRecovery action = provider.isEmpty() ? JournalOperation.OnRecovery.NOTHING
                : intent.operation().onRecovery();
        Resolution resolution = switch (action) {
            case ADOPT_IF_CREATED -> adoptCreated(session, provider.get(), stack, intent) ? Resolution.ADOPTED
                    : Resolution.NOTHING_CREATED;
            case REREAD -> reread(session, provider.get(), intent) ? Resolution.STILL_EXISTS : Resolution.GONE;
            case NOTHING -> {
                session.recordFailed(intent.sequence(), "state-only step of an interrupted run; nothing to resolve");
                yield Resolution.STATE_ONLY;
            }
        };
        return new Resolved(intent.address(), intent.operation(), resolution, intent.address() + ": interrupted '"
                + intent.operation().text() + "' " + describe(resolution));
    }

    private static String describe(Resolution resolution) {
        return switch (resolution) {
            case ADOPTED -> "had created the object; adopted it";
            case NOTHING_CREATED -> "had not created anything";
            case STILL_EXISTS -> "re-read: the object still exists";
            case GONE -> "re-read: the object is gone";
            case STATE_ONLY -> "was a state-only step; nothing to do";
            case DEFERRED -> "could not be resolved yet";
        };
    }

    /**
     * After a create call failed in this run, adopts the object if it was made anyway (a failed call's
     * outcome is unknown: a timeout, or an error after the change), so that it is not left behind as
     * an orphan. Only for an address without a state entry; returns false, with the intent still open,
     * when nothing was found or the lookup failed.
     */
    static boolean adoptAfterFailedCreate(StateSession session, Provider provider, String stack, long intent,
            dev.converge.engine.declare.DeclaredResource resource) {
        Address address = resource.address();
        String type = resource.type();
        // During a create-before-delete replacement the address still holds the old object: objects
        // whose ids are already in state are never adopted, so the new one is found all the same.
        try {
            boolean made = provider.findOwned(new FindOwnedRequest(stack, Set.of(type))).objects().stream()
                    .anyMatch(o -> o.address().equals(address)
                            && !inState(session, o, resource.configuration()));
            return made && adoptCreated(session, provider, stack,
                    new StateSession.PendingIntent(intent, address, JournalOperation.CREATE, type, null,
                            resource.configuration()));
        } catch (ProviderException e) {
            return false;
        }
    }

    /**
     * Before a create is retried: the object an earlier, failed attempt made after all (found by its
     * ownership labels and not yet in state), so that the retry does not make a duplicate.
     */
    static Optional<OwnedObject> madeByEarlierAttempt(StateSession session, Provider provider, String stack,
            Address address, String type, String configuration) {
        return provider.findOwned(new FindOwnedRequest(stack, Set.of(type))).objects().stream()
                .filter(o -> o.address().equals(address))
                .filter(o -> !inState(session, o, configuration))
                .max(Comparator.comparing(OwnedObject::id));
    }

    private static boolean adoptCreated(StateSession session, Provider provider, String stack,
            StateSession.PendingIntent intent) {
        FindOwnedResponse owned = provider.findOwned(new FindOwnedRequest(stack, Set.of(intent.type())));
        ResourceState known = session.state().resource(intent.address());
        List<OwnedObject> candidates = owned.objects().stream()
                .filter(o -> o.address().equals(intent.address()))
                .filter(o -> !inState(session, o, intent.configuration()))
                .sorted(Comparator.comparing(OwnedObject::id))
                .toList();
        if (candidates.isEmpty()) {
            session.recordFailed(intent.sequence(), "nothing was created");
            return false;
        }
        OwnedObject adopted = candidates.get(candidates.size() - 1);
        List<Address> dependencies = known == null ? List.of() : known.dependencies();
        ResourceOptions options = known == null ? ResourceOptions.defaults() : known.options();
        var schema = provider.schema(intent.type()).orElse(null);
        session.recordUpsert(intent.sequence(), new ResourceState(intent.address(), intent.type(), adopted.id(),
                InputResolver.markSecrets(adopted.inputs(), known == null ? java.util.Map.of() : known.inputs(), schema),
                InputResolver.markSecrets(adopted.outputs(), known == null ? java.util.Map.of() : known.outputs(), schema),
                dependencies, options, null, intent.configuration()));
        for (OwnedObject extra : candidates.subList(0, candidates.size() - 1)) {
            DeposedKey deposed = DeposedKey.random(intent.address());
            long depose = session.begin(deposed.stateAddress(), JournalOperation.DEPOSE, intent.type(), extra.id());
            session.recordUpsert(depose, new ResourceState(deposed.stateAddress(), intent.type(), extra.id(),
                    extra.inputs(), extra.outputs(), List.of(), options, deposed, intent.configuration()));
        }
        return true;
    }

    /**
     * Whether state already records {@code object} in {@code configuration}: such an object is never adopted
     * again. An id is unique only within its type and configuration: on Kubernetes the Deployment and the
     * Service {@code shop/web} share the id {@code shop/web}, and two clusters or accounts may use the same ids.
     */
    private static boolean inState(StateSession session, OwnedObject object, String configuration) {
        return session.state().resources().values().stream().anyMatch(r -> r.type().equals(object.type())
                && r.id().equals(object.id()) && r.configuration().equals(configuration));
    }

    private static boolean reread(StateSession session, Provider provider, StateSession.PendingIntent intent) {
        ResourceState known = session.state().resource(intent.address());
        if (known == null) {
            session.recordFailed(intent.sequence(), "no longer in state");
            return false;
        }
        ReadResponse read = provider.read(new ReadRequest(known.address(), known.type(), known.id(),
                Values.revealMap(known.inputs()), Values.revealMap(known.outputs())));
        if (!read.exists()) {
            session.recordRemoved(intent.sequence(), known.address());
            return false;
        }
        var schema = provider.schema(known.type()).orElse(null);
        java.util.Map<String, Object> observed = new java.util.LinkedHashMap<>(Values.revealMap(known.inputs()));
        observed.putAll(read.inputs());
        session.recordUpsert(intent.sequence(), known.withObserved(
                InputResolver.markSecrets(observed, known.inputs(), schema),
                InputResolver.markSecrets(read.outputs(), known.outputs(), schema)));
        return true;
    }
}
