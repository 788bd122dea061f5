package dev.converge.providers.k8s;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which fields Converge declared on an object, kept in the annotation {@code converge.dev/declared} as the
 * object's shape: its maps and lists with every value replaced by {@code 1} (so no secret value is ever
 * in it, only key names). Crash recovery finds an object a killed run created by its labels, with no
 * inputs to compare it to; without the shape, every field the API server filled in (a Service's
 * {@code clusterIP}, {@code type}, {@code sessionAffinity}, a container's {@code imagePullPolicy}, ...)
 * would look declared, and the next plan would try to remove them all. Pure apart from JSON.
 */
final class DeclaredShape {

    static final String ANNOTATION = "converge.dev/declared";
    /** Above this the annotation is left out (annotations share 256 KiB); recovery then observes every field. */
    static final int MAX_CHARS = 32 * 1024;
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private DeclaredShape() {
    }

    /** The shape of a declared object (before ownership marks) as annotation text; empty when too large. */
    static Optional<String> encode(Map<String, Object> object) {
        String text = JSON.asJson(shapeOf(object));
        return text.length() <= MAX_CHARS ? Optional.of(text) : Optional.empty();
    }

    /** The shape a live object carries, if Converge wrote one. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> of(Map<String, Object> live) {
        Object text = Trees.get(live, List.of("metadata", "annotations", ANNOTATION));
        if (!(text instanceof String json)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.unmarshal(json, Map.class));
        } catch (RuntimeException e) {
            return Optional.empty(); // edited by hand into something else: observe every field
        }
    }

    private static Object shapeOf(Object value) {
        return Trees.mapLeaves(value, leaf -> leaf == null ? null : 1);
    }
}
