package dev.converge.engine.automation;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.policy.Violation;
import dev.converge.engine.state.ResourceState;
import dev.converge.engine.state.State;
import dev.converge.spi.state.StateHistory;
import java.util.List;
import java.util.Optional;

/**
 * The Automation API: one stack of one program, run from Java code (a JUnit test, a deployment service, a
 * release tool) as the command line runs it. Every changing operation owns its whole sequence: the stack's
 * lock, the recovery of an interrupted earlier run, the plan with the policy check, the approval, the apply
 * with its journal, the commit and the release record; the lock is released however it ends. Results are
 * typed values, never exit codes, and nothing is printed: what happens along the way goes to the
 * {@link EngineListener} as {@link EngineEvent}s.
 *
 * <pre>{@code
 * try (StackEngine engine = Converge.engine(new Erlbank()).stack("prod").build()) {
 *     ApplyResult result = engine.apply(ApplyRequest.normal());
 *     if (!result.succeeded()) { result.failures().forEach(d -> log.warn(d.render())); }
 * }
 * }</pre>
 *
 * <p>Errors: an operation that cannot start or cannot be planned because of the program, its configuration,
 * the state or the environment (validation, a missing provider, a mandatory policy, a held lock, a stale
 * saved plan) throws {@link ConvergeException}, whose {@link ConvergeException#diagnostics() diagnostics}
 * list every problem; nothing was changed then. What fails while changing (a provider error, a failed
 * verification) is data in the result, and the state records what was done.
 *
 * <p>Thread safety: operations run one at a time (they are synchronized); other engines and processes on the
 * same stack wait for, or are refused by, the stack's lock. A listener or approval must not call back into
 * the engine. Lifecycle: the stack configuration is read when the engine is built and the program runs on
 * first use; both stay fixed, so build a new engine to pick up changes. {@link #close()} closes the providers
 * and the state backend the engine created (not one passed to the builder).
 */
public final class StackEngine implements AutoCloseable {

    private final Pipeline pipeline;
    private final Inspection reads;
    private final Runs runs;

    StackEngine(EngineSettings settings) {
        Events events = new Events(settings.listener());
        this.pipeline = new Pipeline(settings, events);
        this.reads = new Inspection(pipeline, events);
        this.runs = new Runs(pipeline, events);
    }

    /** A builder for an engine of {@code program}; {@code Converge.engine(program)} is the same. */
    public static StackEngineBuilder builder(Program program) {
        return new StackEngineBuilder(program);
    }

    /** The stack this engine runs. */
    public String stack() {
        return pipeline.settings().stack();
    }

    /** Checks the program, its configuration and the provider inputs, without state; its resources. */
    public synchronized ProgramGraph validate() {
        return reads.validate();
    }

    /** The resources the program declares and their dependencies. */
    public synchronized ProgramGraph graph() {
        return reads.graph();
    }

    /**
     * What apply would change (refreshed unless turned off), policies checked; takes no lock, changes nothing.
     * Saves the plan when the request says where.
     */
    public synchronized Plan plan(PlanRequest request) {
        return reads.plan(request);
    }

    /**
     * Every violation of the engine's policies by the plan {@code request} describes, advisory and mandatory
     * alike, without throwing for the mandatory ones; takes no lock, changes nothing.
     */
    public synchronized List<Violation> violations(PlanRequest request) {
        return reads.violations(request);
    }

    /** Plans and applies the program ({@code apply}); a stack a rollback pinned refuses unless {@code unpin}. */
    public synchronized ApplyResult apply(ApplyRequest request) {
        return runs.apply("apply", request);
    }

    /** Deletes every resource of the stack, or the targeted ones ({@code destroy}); protected ones refuse. */
    public synchronized ApplyResult destroy(ApplyRequest request) {
        return runs.destroy(request);
    }

    /**
     * Applies the program as a deployment ({@code deploy}): strategy-managed changes run step by step and,
     * with {@link ApplyRequest#withPauseAt}, stop after that step; the release is recorded as a deploy.
     */
    public synchronized ApplyResult deploy(ApplyRequest request) {
        return runs.apply("deploy", request);
    }

    /**
     * One pass of {@code reconcile}: applies the program, repairing drift, recorded as a reconcile (the
     * command line repeats it on a schedule).
     */
    public synchronized ApplyResult reconcile(ApplyRequest request) {
        return runs.apply("reconcile", request);
    }

    /**
     * Releases to this stack exactly what stack {@code fromStack} verified ({@code promote --from A --to B});
     * refuses with a {@link ConvergeException}, changing nothing, when it would release anything else.
     */
    public synchronized ApplyResult promoteRelease(String fromStack, ApplyRequest request) {
        return runs.promoteRelease(fromStack, request);
    }

    /** Records what changed outside Converge, changing no object ({@code refresh}). */
    public synchronized RefreshResult refresh() {
        return runs.refresh();
    }

    /** Adopts the existing object {@code id} as the declared resource {@code address} ({@code import}). */
    public synchronized ImportResult importResource(Address address, String id) {
        return runs.importResource(address, id);
    }

    /** Restores the resources and inputs of an earlier serial and pins the stack to it ({@code rollback}). */
    public synchronized RollbackResult rollback(RollbackRequest request) {
        return runs.rollback(request);
    }

    /**
     * Continues the paused deployment of {@code address} through its remaining verified steps, or until
     * {@code pauseAt} ({@code promote ADDR}). A failed check routes all traffic back to the stable version:
     * the result then has failures.
     */
    public synchronized DeploymentResult promoteDeployment(Address address, Optional<DeploymentStep> pauseAt) {
        return runs.control(address, DeploymentResult.Action.PROMOTE, pauseAt);
    }

    /** Ends the paused deployment of {@code address}: all traffic on the stable version, the new one deleted. */
    public synchronized DeploymentResult abortDeployment(Address address) {
        return runs.control(address, DeploymentResult.Action.ABORT, Optional.empty());
    }

    /** Restarts a service in place; a strategy-managed one through its verified steps ({@code restart}). */
    public synchronized ResourceState restart(Address address) {
        return runs.restart(address);
    }

    /** The stored state, read without the lock. */
    public synchronized State state() {
        return reads.state();
    }

    /** Steps of interrupted runs whose outcome is unknown; the next changing operation resolves them. */
    public synchronized List<PendingOperation> pendingOperations() {
        return reads.pendingOperations();
    }

    /** Earlier versions of the state, newest first ({@code state history}). */
    public synchronized List<StateHistory.Entry> history() {
        return reads.history();
    }

    /** Forgets resources without deleting their objects ({@code state rm}); the state afterwards. */
    public synchronized State removeFromState(List<Address> addresses) {
        return runs.removeFromState(addresses);
    }

    /** Moves a resource to another address in state, after a rename in code ({@code state mv}). */
    public synchronized State moveInState(Address from, Address to) {
        return runs.moveInState(from, to);
    }

    /**
     * Writes {@code state}'s resources and outputs as the stack's next version, keeping its lineage (a
     * restore from a backup, a move between backends, a large test fixture). Calls no provider.
     */
    public synchronized State writeState(State state) {
        return runs.writeState(state);
    }

    /** Removes the stack's lock {@code lockId} left by a process that is gone; whether it was held. */
    public synchronized boolean forceUnlock(String lockId) {
        return reads.forceUnlock(lockId);
    }

    /** The stack's releases, oldest first ({@code releases}). */
    public synchronized List<Release> releases() {
        return reads.releases();
    }

    /** Deployment frequency, lead time, change-fail rate and time to restore ({@code releases --stats}). */
    public synchronized ReleaseStats releaseStats() {
        return ReleaseStats.of(reads.releases());
    }

    @Override
    public synchronized void close() {
        pipeline.close();
    }
}
