package dev.converge.spi.deploy;

import java.util.Map;
import java.util.Optional;

/**
 * A provider capability that puts a router in front of the versions of one service and moves traffic
 * between them: all to one version (blue/green), shares by weight (canary), or all to one version with
 * every request copied to another whose answers are discarded (shadow). Providers expose it through
 * {@link dev.converge.spi.Provider#extension(Class)}; the engine's deployment strategies drive it.
 *
 * <p>Every call is idempotent: the engine repeats calls after an interrupted run to restore the routing
 * that state records. {@link #route} returns only when the new routing is in effect, and must not drop
 * requests in flight. Implementations must be thread-safe. Failures are
 * {@link dev.converge.spi.ProviderException}s whose message names the router and the fix.
 */
public interface TrafficRouter {

    /**
     * Why this router cannot carry out the strategy {@code strategyType} (such as {@code deploy:Shadow})
     * for instances of {@code instanceType}, or empty when it can. Pure; the engine reports a reason at
     * validation, before any change. The default refuses nothing.
     */
    default Optional<String> refuses(String strategyType, String instanceType) {
        return Optional.empty();
    }

    /** Creates the router, or adopts the one {@code request} names if it exists; it routes nothing yet. */
    RouterInfo ensureRouter(RouterRequest request);

    /** Replaces the whole routing of a router and waits until it is in effect. */
    void route(RouteRequest request);

    /** Counts the mirrored requests the shadow answered since the last {@link #route} call. */
    MirrorStats mirrorStats(String routerId);

    /** Deletes the router; a router already gone is not an error. */
    void deleteRouter(String routerId);

    /**
     * The inputs of one instance of a service: {@code template} (the declared inputs of the
     * provider's instance type) adjusted so the instance is named {@code instanceName} and is
     * reachable from the router. Pure.
     */
    Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName);

    /** How the router reaches an instance listening on {@code port}: a {@code host:port}. Pure. */
    String backendAddress(Map<String, Object> instanceOutputs, Map<String, Object> template, int port);
}
