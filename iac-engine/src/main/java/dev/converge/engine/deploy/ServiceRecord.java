package dev.converge.engine.deploy;

import dev.converge.api.deploy.DeploymentPhase;
import dev.converge.api.deploy.DeploymentStep;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs a strategy-managed service records in state, read and written in this one place: its
 * {@code phase}, the {@code live} slot and every running {@code instances} entry ({@link Rollout.Instance});
 * for a paused deployment also the step it paused at ({@code pausedAt}), the new version's slot
 * ({@code candidate}) and the inputs before the deployment started ({@code stableInputs}). Pure; stateless.
 */
final class ServiceRecord {

    static final String PHASE = "phase";
    static final String LIVE = "live";
    static final String INSTANCES = "instances";
    static final String PAUSED_AT = "pausedAt";
    static final String CANDIDATE = "candidate";
    static final String STABLE_INPUTS = "stableInputs";

    private ServiceRecord() {
    }

    /** The recorded phase; a service recorded without one (never the case so far) counts as stable. */
    static DeploymentPhase phase(Map<String, Object> outputs) {
        String text = Values.string(outputs, PHASE);
        return text == null ? DeploymentPhase.STABLE : DeploymentPhase.parse(text);
    }

    /** The slot ({@code blue} or {@code green}) that serves clients. */
    static String live(Map<String, Object> outputs) {
        return Values.string(outputs, LIVE);
    }

    /** The recorded instance in {@code slot}, or null when none is recorded there. */
    static Rollout.Instance instance(Map<String, Object> outputs, String slot) {
        Map<String, Object> recorded = Values.mapOf(Values.mapOf(outputs, INSTANCES), slot);
        return recorded.isEmpty() ? null : Rollout.Instance.fromMap(slot, recorded);
    }

    /** The step a paused deployment stopped after; empty unless paused. */
    static Optional<DeploymentStep> pausedAt(Map<String, Object> outputs) {
        if (phase(outputs) != DeploymentPhase.PAUSED) {
            return Optional.empty();
        }
        return Optional.of(DeploymentStep.parse(Values.string(outputs, PAUSED_AT)));
    }

    /** The slot of a paused deployment's new version. */
    static String candidate(Map<String, Object> outputs) {
        return Values.string(outputs, CANDIDATE);
    }

    /** The inputs a paused deployment had before it started (what an abort restores). */
    static Map<String, Object> stableInputs(Map<String, Object> outputs) {
        return Values.mapOf(outputs, STABLE_INPUTS);
    }

    /** The outputs of a settled service: {@code live} serves clients, {@code instances} all run. */
    static Map<String, Object> settled(Map<String, Object> base, String live, DeploymentPhase phase,
            List<Rollout.Instance> instances) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.put(LIVE, live);
        out.put(PHASE, phase.text());
        Map<String, Object> bySlot = new LinkedHashMap<>();
        for (Rollout.Instance instance : instances) {
            bySlot.put(instance.slot(), instance.toMap());
            if (instance.slot().equals(live)) {
                out.put("liveInputs", instance.inputs());
            }
        }
        out.put(INSTANCES, bySlot);
        return Values.normalizeMap(out);
    }

    /** {@code running} (both versions recorded, the stable one live) as paused after {@code step}. */
    static Map<String, Object> paused(Map<String, Object> running, DeploymentStep step, String candidate,
            Map<String, Object> stableInputs) {
        Map<String, Object> outputs = new LinkedHashMap<>(running);
        outputs.put(PHASE, DeploymentPhase.PAUSED.text());
        outputs.put(PAUSED_AT, step.toString());
        outputs.put(CANDIDATE, candidate);
        outputs.put(STABLE_INPUTS, stableInputs);
        return Values.normalizeMap(outputs);
    }

    /** {@code diff}, plus the phase back to stable when {@code prior} records an interrupted deployment. */
    static DiffResponse withRepair(DiffResponse diff, Map<String, Object> prior) {
        if (phase(prior) != DeploymentPhase.INTERRUPTED) {
            return diff;
        }
        List<PropertyDiff> diffs = new ArrayList<>(diff.diffs());
        diffs.add(new PropertyDiff(PHASE, PropertyDiff.Kind.CHANGE, DeploymentPhase.INTERRUPTED.text(),
                DeploymentPhase.STABLE.text(), false));
        return new DiffResponse(diffs, diff.replacementOrder(), diff.outputsChanging());
    }

    /** {@code outputs} with the phase changed to {@code phase}. */
    static Map<String, Object> withPhase(Map<String, Object> outputs, DeploymentPhase phase) {
        Map<String, Object> changed = new LinkedHashMap<>(outputs);
        changed.put(PHASE, phase.text());
        return Values.normalizeMap(changed);
    }

    /**
     * The outputs of a paused deployment whose new version is gone: the stable version live and alone.
     * What state records after an abort or a failed promotion.
     */
    static Map<String, Object> settledOnStable(Map<String, Object> paused) {
        Map<String, Object> outputs = new LinkedHashMap<>(paused);
        outputs.putAll(stableInputs(paused));
        String live = live(paused);
        outputs.put(INSTANCES, Map.of(live, Values.mapOf(Values.mapOf(paused, INSTANCES), live)));
        outputs.put(PHASE, DeploymentPhase.STABLE.text());
        outputs.keySet().removeAll(List.of(PAUSED_AT, CANDIDATE, STABLE_INPUTS));
        return Values.normalizeMap(outputs);
    }
}
