package dev.converge.operator.controller;

import dev.converge.operator.StackCrd;
import dev.converge.providers.k8s.KubernetesStateBackend;
import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateLock;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's writes to the API server: a Stack's status and finalizer, Jobs, Events, and the stack's
 * state lock. Writes of a Stack carry the resourceVersion the decision was made on, so a decision made on a
 * stale copy fails with a conflict (false) and is made again on the fresh one. Thread-safe.
 */
final class Cluster {

    private final KubernetesClient client;
    private final ResourceDefinitionContext stacks = StackCrd.context();

    Cluster(KubernetesClient client) {
        this.client = client;
    }

    /** Writes {@code status}; false when the Stack changed since {@code stack} was read, or is gone. */
    boolean updateStatus(GenericKubernetesResource stack, Map<String, Object> status) {
        GenericKubernetesResource copy = copy(stack);
        copy.setAdditionalProperty("status", status);
        return conflictFree(() -> client.genericKubernetesResources(stacks).inNamespace(namespace(stack))
                .resource(copy).updateStatus());
    }

    /** Adds or removes the operator's finalizer; false on a conflict. */
    boolean finalizer(GenericKubernetesResource stack, boolean present) {
        GenericKubernetesResource copy = copy(stack);
        List<String> finalizers = new ArrayList<>(copy.getMetadata().getFinalizers() == null ? List.of()
                : copy.getMetadata().getFinalizers());
        finalizers.remove(StackCrd.FINALIZER);
        if (present) {
            finalizers.add(StackCrd.FINALIZER);
        }
        copy.getMetadata().setFinalizers(finalizers);
        return conflictFree(() -> client.genericKubernetesResources(stacks).inNamespace(namespace(stack))
                .resource(copy).update());
    }

    /** Creates the Job; a Job of that name already there counts as created (names are unique per run). */
    void createJob(Job job) {
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** Deletes a Job and its pods (whose runner is stopped with SIGTERM). */
    void deleteJob(String namespace, String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
    }

    boolean serviceAccountExists(String namespace, String name) {
        return client.serviceAccounts().inNamespace(namespace).withName(name).get() != null;
    }

    /** Removes the stack's state lock, whoever holds it; the holder it removed, if any. */
    Optional<LockInfo> releaseLock(String namespace, String stackName) {
        StateLock lock = new KubernetesStateBackend(client, namespace).lock(stackName);
        Optional<LockInfo> holder = lock.holder();
        holder.ifPresent(info -> lock.forceRelease(info.id()));
        return holder;
    }

    /** Records a Kubernetes Event about the Stack; a failure to record one is only logged. */
    void event(GenericKubernetesResource stack, StatusModel.Note note) {
        ObjectMeta meta = stack.getMetadata();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(meta.getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(meta.getName() + ".").withNamespace(meta.getNamespace())
                    .endMetadata()
                    .withNewInvolvedObject().withApiVersion(StackCrd.API_VERSION).withKind(StackCrd.KIND)
                    .withName(meta.getName()).withNamespace(meta.getNamespace()).withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion()).endInvolvedObject()
                    .withType(note.warning() ? "Warning" : "Normal").withReason(note.reason())
                    .withMessage(note.message().length() > 1000 ? note.message().substring(0, 999) + "…"
                            : note.message())
                    .withNewSource().withComponent(StackCrd.OPERATOR).endSource()
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1).build()).create();
        } catch (KubernetesClientException e) {
            Log.warn("cannot record event " + note.reason() + " on " + meta.getNamespace() + "/" + meta.getName()
                    + ": " + e.getMessage());
        }
    }

    private static boolean conflictFree(Runnable write) {
        try {
            write.run();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private GenericKubernetesResource copy(GenericKubernetesResource stack) {
        return client.getKubernetesSerialization().clone(stack);
    }

    private static String namespace(GenericKubernetesResource stack) {
        return stack.getMetadata().getNamespace();
    }
}
