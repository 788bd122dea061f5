package dev.converge.operator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The names of the {@code Stack} custom resource ({@code stacks.converge.dev}, version {@code v1alpha1})
 * and of the labels, annotations and finalizer the operator puts on what it manages. Its schema is
 * {@code dev/converge/operator/stack-crd.yaml} on the class path (see docs/operator.md).
 */
public final class StackCrd {

    public static final String GROUP = "converge.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "Stack";
    public static final String PLURAL = "stacks";
    /** The schema as YAML, a resource of this jar. */
    public static final String CRD_RESOURCE = "/dev/converge/operator/stack-crd.yaml";

    /** Kept on a Stack until its deletion policy has been carried out. */
    public static final String FINALIZER = "converge.dev/finalizer";
    /** A reviewer approves the plan awaiting approval by setting this annotation to its fingerprint. */
    public static final String APPROVE_ANNOTATION = "converge.dev/approve";
    /** On Jobs and their pods: the Stack they run for ({@code metadata.name}). */
    public static final String STACK_LABEL = "converge.dev/stack";
    /** On Jobs and their pods: the Job's name, so that a Job's pods are found in one index lookup. */
    public static final String RUN_LABEL = "converge.dev/run";
    /** On Jobs: what the run does ({@code apply}, {@code plan}, ...). */
    public static final String MODE_LABEL = "converge.dev/mode";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "converge-operator";
    /** The name of the runner's container in every Job. */
    public static final String CONTAINER = "converge";

    private StackCrd() {
    }

    /** Where the Fabric8 client finds Stacks: namespaced, {@code converge.dev/v1alpha1}, plural {@code stacks}. */
    public static ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(KIND)
                .withPlural(PLURAL).withNamespaced(true).build();
    }
}
