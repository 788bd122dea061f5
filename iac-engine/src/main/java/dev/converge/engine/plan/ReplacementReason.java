package dev.converge.engine.plan;

/**
 * Why a plan replaces a resource instead of updating it in place. A closed set, beside the human text of
 * {@link Change.Replace#reason()}; written in JSON plans as its lower-case name.
 */
public enum ReplacementReason {
    /** The program declares another resource type at the same address. */
    TYPE_CHANGED,
    /**
     * The resource is declared with another provider configuration than the one that made its object (such as
     * another AWS region): the new object is made through the new configuration, the old one deleted through
     * the old.
     */
    PROVIDER_CONFIGURATION_CHANGED,
    /** Asked for: {@code --replace ADDR}. */
    REQUESTED,
    /** The resource is declared {@code immutable()}: every change replaces it. */
    IMMUTABLE,
    /** A changed property cannot be changed in place (the provider says so, or {@code replaceOnChanges}). */
    PROPERTY_FORCES_REPLACEMENT
}
