package dev.converge.api;

/** In which order a resource that must be replaced is created and deleted. */
public enum ReplacementOrder {
    /** Let the provider decide: create first unless the new object would clash with the old one. */
    DEFAULT,
    /** Create the replacement, move dependents to it, then delete the old object: no outage. */
    CREATE_BEFORE_DELETE,
    /** Delete the old object first: a short outage, needed when names must be reused. */
    DELETE_BEFORE_CREATE
}
