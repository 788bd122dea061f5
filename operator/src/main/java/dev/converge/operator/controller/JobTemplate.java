package dev.converge.operator.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.operator.JobEnvironment;
import dev.converge.operator.StackCrd;
import dev.converge.operator.StackSpec;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Job of one run: one pod that is never restarted ({@code backoffLimit: 0}; the controller retries
 * with its own backoff), the Stack's service account and image, the runner's settings in its environment,
 * the referenced ConfigMaps and Secrets as {@code envFrom} with prefixes (so a Secret's values stay in the
 * Secret), the result in the termination message, a deadline, and a time to live after it finished. Owned
 * by the Stack, so the garbage collector removes its Jobs with it. Pure.
 */
final class JobTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobTemplate() {
    }

    /** {@code <stack>-<uid prefix>-<run>}: unique per Stack object and run, at most 63 characters. */
    static String jobName(String stackName, String uid, long run) {
        String suffix = "-" + uid.replace("-", "").substring(0, Math.min(6, uid.replace("-", "").length())) + "-" + run;
        String base = stackName.length() > 63 - suffix.length() ? stackName.substring(0, 63 - suffix.length())
                : stackName;
        return base.replaceAll("[.-]+$", "") + suffix;
    }

    static Job build(ObjectMeta stack, StackSpec spec, RunRecord run, OperatorSettings settings) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(StackCrd.MANAGED_BY, StackCrd.OPERATOR);
        labels.put(StackCrd.STACK_LABEL, stack.getName());
        labels.put(StackCrd.RUN_LABEL, run.job());
        labels.put(StackCrd.MODE_LABEL, run.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        List<String> command = spec.command().isEmpty() ? settings.defaultCommand() : spec.command();
        return new JobBuilder()
                .withNewMetadata().withName(run.job()).withNamespace(stack.getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(StackCrd.API_VERSION)
                        .withKind(StackCrd.KIND).withName(stack.getName()).withUid(stack.getUid())
                        .withController(true).withBlockOwnerDeletion(false).build())
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds(spec.timeout().toSeconds())
                .withTtlSecondsAfterFinished((int) settings.jobTtl().toSeconds())
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withServiceAccountName(spec.serviceAccountName())
                .withEnableServiceLinks(false).withTerminationGracePeriodSeconds(30L)
                .addNewContainer().withName(StackCrd.CONTAINER).withImage(spec.image())
                .withImagePullPolicy(spec.imagePullPolicy()).withCommand(command)
                .withEnv(env(spec, run)).withEnvFrom(envFrom(spec))
                .withTerminationMessagePolicy("FallbackToLogsOnError").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static List<EnvVar> env(StackSpec spec, RunRecord run) {
        List<EnvVar> env = new ArrayList<>();
        env.add(plain(JobEnvironment.MODE, run.mode().name()));
        env.add(plain(JobEnvironment.STACK, spec.stackName()));
        env.add(plain(JobEnvironment.PROGRAM, spec.programClass()));
        env.add(new EnvVarBuilder().withName(JobEnvironment.NAMESPACE).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        env.add(plain(JobEnvironment.ARGS, json(spec.args())));
        env.add(plain(JobEnvironment.CONFIG, json(new TreeMap<>(spec.config()))));
        if (!run.approved().isEmpty()) {
            env.add(plain(JobEnvironment.APPROVED, run.approved()));
        }
        return env;
    }

    private static List<EnvFromSource> envFrom(StackSpec spec) {
        List<EnvFromSource> sources = new ArrayList<>();
        spec.configMaps().forEach(name -> sources.add(new EnvFromSourceBuilder()
                .withPrefix(JobEnvironment.CONFIG_PREFIX)
                .withNewConfigMapRef().withName(name).withOptional(false).endConfigMapRef().build()));
        spec.secrets().forEach(name -> sources.add(new EnvFromSourceBuilder()
                .withPrefix(JobEnvironment.SECRET_PREFIX)
                .withNewSecretRef().withName(name).withOptional(false).endSecretRef().build()));
        return sources;
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists and maps of strings always serialize", e);
        }
    }
}
