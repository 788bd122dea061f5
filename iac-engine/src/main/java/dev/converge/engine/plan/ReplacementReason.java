package dev.converge.engine.plan;

/**
 * Why a plan replaces a resource instead of updating it in place. A closed set, beside the human text of
 * {@link Change.Replace#reason()}; written in JSON plans as its lower-case name.
 */
public enum ReplacementReason {
    /** The program declares another resource type at the same address. */
    TYPE_CHANGED,
    /** Asked for: {@code --replace ADDR}. */
    REQUESTED,
    /** The resource is declared {@code immutable()}: every change replaces it. */
    IMMUTABLE,
    /** A changed property cannot be changed in place (the provider says so, or {@code replaceOnChanges}). */
    PROPERTY_FORCES_REPLACEMENT
}
