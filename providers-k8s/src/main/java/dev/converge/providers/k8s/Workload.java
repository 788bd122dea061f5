package dev.converge.providers.k8s;

import dev.converge.api.Declaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared setters of {@link Deployment} and {@link StatefulSet}: the pods run one main container
 * named like the resource, selected by the label {@code app=<name>}. Anything else can be set with
 * {@link #spec(Map)} or {@link #specField}.
 *
 * @param <S> the concrete builder type
 */
public abstract class Workload<S extends Workload<S>> extends KubernetesResource<S> {

    private static final Object[] CONTAINER = {"template", "spec", "containers", 0};

    protected Workload(Declaration declaration) {
        super(declaration);
    }

    /** The starting spec: selector and pod labels {@code app=name}, one container named {@code name}. */
    static Declaration workload(String kind, String name) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", name);
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("containers", List.of(container));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", Map.of("labels", Map.of("app", name)));
        template.put("spec", podSpec);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", Map.of("app", name)));
        spec.put("template", template);
        return declare(kind, name).withProperty("spec", spec);
    }

    /** Replaces the whole spec, as written in a manifest. */
    public S spec(Map<String, Object> spec) {
        return with("spec", spec);
    }

    /** Sets one field of the spec by path, such as {@code specField(3, "revisionHistoryLimit")}. */
    public S specField(Object value, Object... path) {
        return withPath("spec", value, path);
    }

    /** The desired number of pods; leave it unset when a HorizontalPodAutoscaler scales the workload. */
    public S replicas(Object replicas) {
        return withPath("spec", replicas, "replicas");
    }

    /** The main container's image; a plain string or an {@code Output<String>}. */
    public S image(Object image) {
        return withPath("spec", image, path("image"));
    }

    public S port(int containerPort) {
        return appendAt("spec", Map.of("containerPort", (long) containerPort), path("ports"));
    }

    /** One environment variable of the main container; the value may be an {@code Output}. */
    public S env(String name, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value);
        return appendAt("spec", entry, path("env"));
    }

    /** Every key of a ConfigMap as environment variables of the main container. */
    public S envFromConfigMap(Object configMapName) {
        return appendAt("spec", Map.of("configMapRef", Map.of("name", configMapName)), path("envFrom"));
    }

    /** The main container's arguments. */
    public S args(String... args) {
        return withPath("spec", List.of((Object[]) args), path("args"));
    }

    /** A label on the pods, besides {@code app}. */
    public S podLabel(String key, Object value) {
        return withPath("spec", value, "template", "metadata", "labels", key);
    }

    private static Object[] path(String field) {
        Object[] result = new Object[CONTAINER.length + 1];
        System.arraycopy(CONTAINER, 0, result, 0, CONTAINER.length);
        result[CONTAINER.length] = field;
        return result;
    }
}
