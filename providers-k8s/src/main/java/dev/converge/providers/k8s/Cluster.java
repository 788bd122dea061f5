package dev.converge.providers.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only class that talks to the API server for the provider: generic CRUD on plain maps through
 * Fabric8's {@link GenericKubernetesResource}, so every kind, built-in or custom, takes one code
 * path. Thread-safe (the Fabric8 client is).
 */
final class Cluster {

    /** Called with the object just before each optimistic update is sent; a seam for tests. */
    interface WriteHook {
        void beforeUpdate(ObjectRef ref);
    }

    private final KubernetesClient client;
    private volatile WriteHook hook = ref -> { };

    Cluster(KubernetesClient client) {
        this.client = client;
    }

    void hook(WriteHook next) {
        hook = next;
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> kind(KindInfo kind) {
        return client.genericKubernetesResources(kind.context());
    }

    private Resource<GenericKubernetesResource> one(ObjectRef ref) {
        return ref.namespace() == null ? kind(ref.kind()).withName(ref.name())
                : kind(ref.kind()).inNamespace(ref.namespace()).withName(ref.name());
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> in(KindInfo kind, String namespace) {
        return namespace == null || !kind.namespaced() ? kind(kind) : kind(kind).inNamespace(namespace);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> toMap(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().convertValue(resource, Map.class);
    }

    GenericKubernetesResource toResource(Map<String, Object> object) {
        return client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
    }

    /** The object, or empty if it does not exist. */
    Optional<Map<String, Object>> get(ObjectRef ref) {
        GenericKubernetesResource found = one(ref).get();
        return Optional.ofNullable(found).map(this::toMap);
    }

    /**
     * Every write asks for strict field validation: without it a real API server drops a field its schema
     * does not know (a typo such as {@code spec.replcas}) with only a warning, and the dropped field would
     * show as a change in every plan after.
     */
    private NonDeletingOperation<GenericKubernetesResource> writing(ObjectRef ref, Map<String, Object> object) {
        return in(ref.kind(), ref.namespace()).resource(toResource(object)).fieldValidation(Validation.STRICT);
    }

    Map<String, Object> create(ObjectRef ref, Map<String, Object> object) {
        return toMap(writing(ref, object).create());
    }

    /** Writes {@code object} if its resourceVersion is still current; a 409 otherwise. */
    Map<String, Object> update(ObjectRef ref, Map<String, Object> object) {
        hook.beforeUpdate(ref);
        return toMap(writing(ref, object).update());
    }

    /**
     * Server-side apply of the fields in {@code object}, owned by {@code fieldManager}; with {@code force},
     * fields another manager owns are taken over instead of failing with a 409 conflict.
     */
    Map<String, Object> apply(ObjectRef ref, Map<String, Object> object, String fieldManager, boolean force) {
        ServerSideApplicable<GenericKubernetesResource> apply = writing(ref, object).fieldManager(fieldManager);
        return toMap((force ? apply.forceConflicts() : apply).serverSideApply());
    }

    /**
     * Deletes the object in the foreground: it stays (with a deletionTimestamp) until the garbage collector
     * has removed its dependents, such as a Deployment's ReplicaSets and their pods, so that waiting for it
     * to be gone also waits for them. False if it was already gone.
     */
    boolean delete(ObjectRef ref) {
        try {
            return !one(ref).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete().isEmpty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** One list call: the objects of a kind in a namespace (every namespace if null) with the labels. */
    List<Map<String, Object>> list(KindInfo kind, String namespace, Map<String, String> labels) {
        GenericKubernetesResourceList list = namespace == null && kind.namespaced()
                ? kind(kind).inAnyNamespace().withLabels(labels).list()
                : in(kind, namespace).withLabels(labels).list();
        List<Map<String, Object>> result = new ArrayList<>();
        list.getItems().forEach(item -> {
            Map<String, Object> map = toMap(item);
            map.putIfAbsent("apiVersion", kind.apiVersion());
            map.putIfAbsent("kind", kind.kind());
            result.add(map);
        });
        return result;
    }
}
