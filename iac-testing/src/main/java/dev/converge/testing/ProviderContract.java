package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.Provider;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Provider} passes against its real backend (files and processes, a Docker
 * daemon, moto, a Kubernetes API server): what {@code create} made is found by {@code findOwned}, read
 * back without a diff and imported as the same inputs; a deleted object reads as gone and deleting it
 * again succeeds; {@code diff} is pure and deterministic; an update to identical inputs changes nothing.
 * A provider's integration test ({@code *IT}) extends this class and supplies a provider connected to
 * the backend, one that cannot reach it, and {@link ProviderSample}s; each check runs for each sample.
 *
 * <p>After every test the contract checks its invariant: nothing the test created is left, neither
 * among the objects it created (read by id) nor among those {@code findOwned} finds for the class's
 * stack. Leftovers are deleted before the failure is reported, so one failure does not leak into the
 * next test. One instance per class: {@link #newProvider} is called once, before {@link #samples()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderContract {

    private final String stack = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    private final ContractObjects made = new ContractObjects();
    private Provider provider;

    /** A provider connected to the real backend and configured (if it needs it) for {@code stack}. */
    protected abstract Provider newProvider(String stack);

    /**
     * A provider of the same kind that cannot reach the backend: not configured, or pointed at an address
     * where nothing listens. Its {@code diff} must give the same answers as the connected one's.
     */
    protected abstract Provider detachedProvider();

    /** The objects to check; called once per contract test, after {@link #newProvider}. */
    protected abstract List<ProviderSample> samples();

    /** How long create, update and delete may take. */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    /** The stack the contract's objects belong to, one per test class. */
    protected final String stack() {
        return stack;
    }

    /** {@code prefix} with a random suffix: for names a backend keeps after a delete (queues, buckets). */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @BeforeAll
    final void connectProvider() {
        provider = newProvider(stack);
    }

    @AfterAll
    final void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    final Stream<ProviderSample> contractSamples() {
        return samples().stream();
    }

    @AfterEach
    final void nothingTheTestCreatedIsLeft() {
        List<String> leftovers = made.removeLeftovers(provider, stack, timeout());
        assertThat(leftovers).as("objects the test left behind (now deleted) in stack " + stack).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void findOwnedFindsWhatCreateMade(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        var owned = provider.findOwned(new FindOwnedRequest(stack, Set.of(sample.type())));
        if (!sample.searchable()) {
            assertThat(owned.supported()).as("findOwned of a type it cannot search").isFalse();
        } else {
            assertThat(owned.supported()).as("findOwned supports " + sample.type()).isTrue();
            List<OwnedObject> found = owned.objects().stream()
                    .filter(o -> o.address().equals(object.address())).toList();
            assertThat(found).as("owned objects at " + object.address()).hasSize(1);
            assertThat(found.get(0).id()).isEqualTo(object.id());
            assertThat(found.get(0).type()).isEqualTo(sample.type());
            assertNoChanges(object, found.get(0).inputs(), object.inputs(), "found inputs -> created inputs");
        }
        delete(object);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void aReadAfterDeleteReportsTheObjectGone(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        assertThat(read(object).exists()).as("read after create").isTrue();
        assertThat(delete(object).alreadyGone()).as("alreadyGone of the first delete").isFalse();
        assertThat(read(object).exists()).as("read after delete").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void deletingAnObjectThatIsAlreadyGoneSucceeds(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        delete(object);
        assertThat(delete(object).alreadyGone()).as("alreadyGone of the second delete").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void diffIsPureAndDeterministic(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        Map<String, Object> observed = read(object).inputs();
        List<DiffRequest> requests = List.of(diffRequest(object, observed, object.inputs()),
                diffRequest(object, object.inputs(), withDefaults(sample.type(), sample.changed())));
        List<DiffResponse> first = requests.stream().map(provider::diff).toList();
        assertThat(requests.stream().map(provider::diff).toList()).as("the same diffs again").isEqualTo(first);
        try (Provider detached = detachedProvider()) {
            assertThat(requests.stream().map(detached::diff).toList()).as("the diffs of a provider that cannot"
                    + " reach the backend").isEqualTo(first);
        }
        delete(object);
        assertThat(requests.stream().map(provider::diff).toList()).as("the diffs after the object was deleted")
                .isEqualTo(first);
        assertThat(first.get(0).hasChanges()).as("diff of the read-back inputs: " + first.get(0)).isFalse();
        assertThat(first.get(1).hasChanges()).as("diff of the change").isTrue();
        assertThat(first.get(1).requiresReplacement()).as("the change replaces: " + first.get(1))
                .isEqualTo(!sample.updatesInPlace());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void anUpdateToIdenticalInputsChangesNothing(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        ReadResponse before = read(object);
        assertNoChanges(object, before.inputs(), object.inputs(), "read-back inputs -> created inputs");
        if (sample.updatesInPlace()) {
            UpdateResponse updated = provider.update(new UpdateRequest(object.address(), object.type(), object.id(),
                    object.inputs(), object.outputs(), object.inputs(), List.of(), timeout()));
            ReadResponse after = read(object.withOutputs(updated.outputs()));
            assertThat(after.inputs()).as("inputs read back after the update").isEqualTo(before.inputs());
            assertNoChanges(object, after.inputs(), object.inputs(), "inputs after the update -> created inputs");
        }
        delete(object);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void anUpdateInPlaceIsReadBack(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        if (sample.updatesInPlace()) {
            Map<String, Object> changed = withDefaults(sample.type(), sample.changed());
            DiffResponse diff = provider.diff(diffRequest(object, object.inputs(), changed));
            UpdateResponse updated = provider.update(new UpdateRequest(object.address(), object.type(), object.id(),
                    object.inputs(), object.outputs(), changed, diff.diffs(), timeout()));
            ContractObjects.Made after = object.withInputs(changed).withOutputs(updated.outputs());
            assertNoChanges(after, read(after).inputs(), changed, "inputs read back after the update -> update");
        }
        delete(object);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractSamples")
    void importOfWhatCreateMadeReadsBackTheSameInputs(ProviderSample sample) {
        ContractObjects.Made object = create(sample);
        ImportResponse imported = provider.importResource(new ImportRequest(object.address(), object.type(),
                object.id(), new Ownership(stack, object.address())));
        assertThat(imported.exists()).as("import of " + object.id()).isTrue();
        assertThat(imported.id()).as("the imported object's id").isEqualTo(object.id());
        assertNoChanges(object, imported.inputs(), object.inputs(), "imported inputs -> created inputs");
        ContractObjects.Made adopted = object.withInputs(imported.inputs()).withOutputs(imported.outputs());
        assertNoChanges(object, read(adopted).inputs(), object.inputs(), "imported, read back -> created inputs");
        delete(object);
    }

    private ContractObjects.Made create(ProviderSample sample) {
        Address address = Address.of("contract", sample.name());
        Map<String, Object> inputs = withDefaults(sample.type(), sample.inputs());
        CreateResponse created = provider.create(new CreateRequest(address, sample.type(), inputs,
                new Ownership(stack, address), timeout()));
        return made.add(new ContractObjects.Made(address, sample.type(), created.id(), inputs, created.outputs()));
    }

    private ReadResponse read(ContractObjects.Made object) {
        return provider.read(new ReadRequest(object.address(), object.type(), object.id(), object.inputs(),
                object.outputs()));
    }

    private DeleteResponse delete(ContractObjects.Made object) {
        return provider.delete(new DeleteRequest(object.address(), object.type(), object.id(), object.inputs(),
                object.outputs(), timeout()));
    }

    private Map<String, Object> withDefaults(String type, Map<String, Object> inputs) {
        return ContractObjects.withDefaults(provider, type, inputs);
    }

    private static DiffRequest diffRequest(ContractObjects.Made object, Map<String, Object> prior,
            Map<String, Object> desired) {
        return new DiffRequest(object.address(), object.type(), object.id(), prior, object.outputs(), desired);
    }

    private void assertNoChanges(ContractObjects.Made object, Map<String, Object> prior, Map<String, Object> desired,
            String what) {
        DiffResponse diff = provider.diff(diffRequest(object, prior, desired));
        assertThat(diff.diffs()).as(what + " of " + object.address() + " (" + prior + " -> " + desired + ")")
                .isEmpty();
    }
}
