package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.EngineListener;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.Recovered;
import dev.converge.engine.automation.ResourceOutcome;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.plan.ReplacementReason;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.StateSession;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import dev.converge.spi.Provider;
import dev.converge.spi.deploy.Restarter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Automation API as a program embedding Converge sees it: typed results whatever happened, events in
 * the order things happen, user problems as diagnostics before anything changes, and the closed sets it
 * reports (replacement reasons, recovery of every journal operation).
 */
class AutomationApiTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();
    private final List<EngineEvent> events = new ArrayList<>();

    private StackEngine engine(Program program, EngineListener listener) {
        return Converge.engine(program).workDir(dir).providers(fake).serviceLoader(false).environment(Map.of())
                .listener(listener).build();
    }

    private StackEngine engine(Program program) {
        return engine(program, events::add);
    }

    private static Program chain(String value) {
        return stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("db").set("key", "k1"));
            stack.add(thing("app").set("ref", db.id()).set("value", value));
            stack.export("value", value);
        };
    }

    private List<EngineEvent.Kind> kinds() {
        return events.stream().map(EngineEvent::kind).toList();
    }

    @Test
    void anApplyReturnsWhatItDidPerResourceWithTheStateAndReportsEveryStepAsAnEvent() {
        ApplyResult result;
        try (StackEngine engine = engine(chain("v1"))) {
            result = engine.apply(ApplyRequest.normal());
        }
        assertThat(result.status()).isEqualTo(ApplyResult.Status.APPLIED);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.resources()).extracting(ResourceOutcome::address, ResourceOutcome::change,
                ResourceOutcome::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Address.of("db"), Change.Kind.CREATE,
                                ResourceOutcome.Status.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple(Address.of("app"), Change.Kind.CREATE,
                                ResourceOutcome.Status.SUCCEEDED));
        assertThat(result.resources()).allMatch(outcome -> outcome.id().isPresent() && outcome.failure().isEmpty());
        assertThat(result.state().resources().keySet()).containsExactlyInAnyOrder(Address.of("db"), Address.of("app"));
        assertThat(result.outputs()).containsEntry("value", "v1");
        assertThat(result.releaseSerial()).hasValue(1);
        assertThat(kinds()).startsWith(EngineEvent.Kind.LOCK_ACQUIRED, EngineEvent.Kind.PLAN_COMPUTED,
                EngineEvent.Kind.APPLY_STARTED, EngineEvent.Kind.RESOURCE_STARTED);
        assertThat(kinds()).filteredOn(kind -> kind == EngineEvent.Kind.RESOURCE_FINISHED).hasSize(2);

        events.clear();
        try (StackEngine engine = engine(chain("v1"))) {
            assertThat(engine.apply(ApplyRequest.normal()).status()).isEqualTo(ApplyResult.Status.NO_CHANGES);
        }
        assertThat(kinds()).containsExactly(EngineEvent.Kind.LOCK_ACQUIRED, EngineEvent.Kind.PLAN_COMPUTED);
    }

    @Test
    void aFailedResourceIsDataInTheResultItsDependentIsSkippedAndRetriesAreReported() {
        fake.faults().fail(Operation.CREATE, Address.of("db"), 2, true);  // two retryable failures, then fine
        fake.faults().fail(Operation.CREATE, Address.of("app"), 9, false); // fails for good
        Program program = stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("db"));
            Ref<Map<String, Object>> app = stack.add(thing("app").set("ref", db.id()));
            stack.add(thing("web").set("ref", app.id()));
        };
        ApplyResult result;
        try (StackEngine engine = engine(program)) {
            result = engine.apply(ApplyRequest.normal());
        }
        assertThat(result.status()).isEqualTo(ApplyResult.Status.FAILED);
        assertThat(result.resources()).extracting(ResourceOutcome::status).containsExactly(
                ResourceOutcome.Status.SUCCEEDED, ResourceOutcome.Status.FAILED, ResourceOutcome.Status.SKIPPED);
        assertThat(result.resources().get(1).failure()).isPresent();
        assertThat(result.resources().get(2).failure().orElseThrow().summary()).contains("dependency failed");
        assertThat(result.state().resources().keySet()).containsExactly(Address.of("db"));
        assertThat(events).filteredOn(EngineEvent.ResourceRetried.class::isInstance).hasSize(2)
                .allMatch(event -> ((EngineEvent.ResourceRetried) event).address().equals(Address.of("db")));
        assertThat(events).filteredOn(EngineEvent.ResourceSkipped.class::isInstance)
                .extracting(event -> ((EngineEvent.ResourceSkipped) event).address()).containsExactly(Address.of("web"));
    }

    @Test
    void aDeclinedPlanChangesNothingAndAListenerThatThrowsChangesNothingEither() {
        try (StackEngine engine = engine(chain("v1"), event -> {
            throw new IllegalStateException("a broken listener");
        })) {
            ApplyResult declined = engine.apply(ApplyRequest.normal().withApproval(plan -> false));
            assertThat(declined.status()).isEqualTo(ApplyResult.Status.DECLINED);
            assertThat(declined.plan().summary().add()).isEqualTo(2);
            assertThat(fake.cloud()).isEmpty();
            assertThat(engine.apply(ApplyRequest.normal()).status()).isEqualTo(ApplyResult.Status.APPLIED);
        }
        assertThat(fake.cloud()).hasSize(2);
    }

    @Test
    void aProgramThatCannotBePlannedIsAConvergeExceptionWithEveryProblemAndNothingChanges() {
        Program broken = stack -> {
            stack.add(thing("a").set("size", "not a number"));
            stack.add(GenericResourceOfUnknownType.of("b"));
        };
        try (StackEngine engine = engine(broken)) {
            assertThatThrownBy(() -> engine.apply(ApplyRequest.normal())).isInstanceOf(ConvergeException.class)
                    .satisfies(e -> assertThat(((ConvergeException) e).diagnostics()).hasSizeGreaterThanOrEqualTo(2));
            assertThat(engine.state().exists()).isFalse();
        }
        assertThat(Things.changes(fake)).isEmpty();
    }

    /** A resource of a type no provider has. */
    private static final class GenericResourceOfUnknownType {
        static dev.converge.api.GenericResource of(String name) {
            return dev.converge.api.GenericResource.of("nowhere:Thing", name);
        }
    }

    @Test
    void replacementsSayWhyAsAClosedSet() {
        try (StackEngine engine = engine(chain("v1"))) {
            engine.apply(ApplyRequest.normal());
        }
        Program changedKey = stack -> {
            Ref<Map<String, Object>> db = stack.add(thing("db").set("key", "k2"));
            stack.add(thing("app").set("ref", db.id()).set("value", "v1"));
            stack.export("value", "v1");
        };
        try (StackEngine engine = engine(changedKey)) {
            Change.Replace forced = (Change.Replace) engine.plan(PlanRequest.normal()).change(Address.of("db"))
                    .orElseThrow();
            assertThat(forced.cause()).isEqualTo(ReplacementReason.PROPERTY_FORCES_REPLACEMENT);
            assertThat(forced.reason()).isEqualTo("changing key forces replacement");
        }
        try (StackEngine engine = engine(chain("v1"))) {
            PlanOptions replaceApp = new PlanOptions(dev.converge.engine.plan.Plan.Mode.NORMAL, Set.of(), Set.of(),
                    Set.of(Address.of("app")));
            Change.Replace requested = (Change.Replace) engine.plan(PlanRequest.of(replaceApp))
                    .change(Address.of("app")).orElseThrow();
            assertThat(requested.cause()).isEqualTo(ReplacementReason.REQUESTED);
        }
    }

    @Test
    void anInterruptedRestartIsReadAgainNotTakenForAStateOnlyStep() {
        try (StackEngine engine = engine(chain("v1"))) {
            engine.apply(ApplyRequest.normal());
        }
        String appId = fake.cloud().keySet().stream().filter(id -> fake.cloud().get(id).address().equals(
                Address.of("app"))).findFirst().orElseThrow();
        try (StateSession crashed = StateSession.open(new LocalStateBackend(dir.resolve(".converge")), "dev",
                new StateSession.Options("restart", Duration.ZERO, Map.of()))) {
            crashed.begin(Address.of("app"), JournalOperation.RESTART, FakeProvider.THING, appId); // then it died
        }
        events.clear();
        try (StackEngine engine = engine(chain("v1"))) {
            assertThat(engine.pendingOperations()).extracting(p -> p.operation()).containsExactly("restart");
            ApplyResult result = engine.apply(ApplyRequest.normal());
            assertThat(result.recovered()).extracting(Recovered::address, Recovered::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Address.of("app"), Recovered.Outcome.STILL_EXISTS));
            assertThat(engine.pendingOperations()).isEmpty();
        }
        assertThat(kinds()).containsSubsequence(EngineEvent.Kind.LOCK_ACQUIRED, EngineEvent.Kind.RECOVERY_DONE,
                EngineEvent.Kind.PLAN_COMPUTED);
    }

    @Test
    void aRestartRecordsTheStackOutputsThatReadWhatTheRestartChanged() {
        Restarter restarter = request -> {
            Map<String, Object> outputs = new java.util.HashMap<>(request.outputs());
            outputs.put("instance", "second"); // a restart in place may move the object (a new pod, an address)
            return outputs;
        };
        Provider restartable = new Provider() {
            @Override
            public String name() {
                return fake.name();
            }

            @Override
            public java.util.Collection<dev.converge.spi.ResourceSchema> schemas() {
                return fake.schemas();
            }

            @Override
            public dev.converge.spi.CreateResponse create(dev.converge.spi.CreateRequest request) {
                dev.converge.spi.CreateResponse made = fake.create(request);
                Map<String, Object> outputs = new java.util.HashMap<>(made.outputs());
                outputs.put("instance", "first");
                return new dev.converge.spi.CreateResponse(made.id(), outputs);
            }

            @Override
            public dev.converge.spi.ReadResponse read(dev.converge.spi.ReadRequest request) {
                return fake.read(request);
            }

            @Override
            public dev.converge.spi.UpdateResponse update(dev.converge.spi.UpdateRequest request) {
                return fake.update(request);
            }

            @Override
            public dev.converge.spi.DeleteResponse delete(dev.converge.spi.DeleteRequest request) {
                return fake.delete(request);
            }

            @Override
            public <T> java.util.Optional<T> extension(Class<T> type) {
                return type == Restarter.class ? java.util.Optional.of(type.cast(restarter)) : java.util.Optional.empty();
            }
        };
        Program program = stack -> {
            Ref<Map<String, Object>> app = stack.add(thing("app").set("value", "v1"));
            stack.export("instance", app.output("instance"));
        };
        try (StackEngine engine = Converge.engine(program).workDir(dir).providers(restartable).serviceLoader(false)
                .environment(Map.of()).refresh(false).build()) {
            assertThat(engine.apply(ApplyRequest.normal()).outputs()).containsEntry("instance", "first");
            engine.restart(Address.of("app"));
            assertThat(engine.state().outputs()).as("the stack output follows the restarted object")
                    .containsEntry("instance", "second");
        }
    }
}
