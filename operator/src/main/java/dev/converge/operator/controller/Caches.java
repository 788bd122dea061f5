package dev.converge.operator.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/** What the informers hold: the controller reads from them and never lists the API server itself. */
interface Caches {

    /** The Stack of key {@code namespace/name}, or null. */
    GenericKubernetesResource stack(String key);

    /** A run's Job, or null. */
    Job job(String namespace, String name);

    /** The pods of a run's Job (by the run label). */
    List<Pod> pods(String namespace, String job);
}
