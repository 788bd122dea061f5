package dev.converge.engine.policy;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import java.util.Objects;

/**
 * One resource (or the whole stack, at the root address) breaking one policy. Immutable.
 *
 * @param policy the policy's name
 * @param enforcement whether it stops the run
 * @param address the resource concerned, or {@link Address#root()} for the stack
 * @param message what is wrong and how to fix it
 */
public record Violation(String policy, Policy.Enforcement enforcement, Address address, String message) {

    public Violation {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(message, "message");
    }

    public boolean isMandatory() {
        return enforcement == Policy.Enforcement.MANDATORY;
    }

    /** As a diagnostic: an error if mandatory, else a warning; names the policy. */
    public Diagnostic toDiagnostic() {
        String summary = "policy '" + policy + "' violated" + (isMandatory() ? "" : " (advisory)");
        return isMandatory() ? Diagnostic.error(address.toString(), summary, message)
                : Diagnostic.warning(address.toString(), summary, message);
    }

    @Override
    public String toString() {
        return (isMandatory() ? "MANDATORY " : "ADVISORY ") + policy + " at " + address + ": " + message;
    }
}
