package dev.converge.engine.automation;

import java.util.Map;

/**
 * What one apply or rollback put in place. Immutable.
 *
 * @param serial the state serial it wrote
 * @param time when it finished, epoch milliseconds
 * @param commit the program's git commit, or empty when the working directory is no git checkout
 * @param commitTime when that commit was made, epoch milliseconds, or 0 when unknown
 * @param user who ran it
 * @param operation {@code apply} or {@code rollback}
 * @param outcome {@code ok}, or {@code failed} (a resource failed, such as a verification)
 * @param rollbackTo for a rollback, the serial it restored; otherwise 0
 * @param services per released service address: its image and a hash of its configuration
 */
public record Release(long serial, long time, String commit, long commitTime, String user, String operation,
        String outcome, long rollbackTo, Map<String, Service> services) {

    /** One released service: a container or a strategy-managed service. */
    public record Service(String image, String configHash) {
    }

    public Release {
        services = Map.copyOf(services);
    }

    public boolean ok() {
        return "ok".equals(outcome);
    }

    public boolean isRollback() {
        return "rollback".equals(operation);
    }
}
