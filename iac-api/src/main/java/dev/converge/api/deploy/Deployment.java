package dev.converge.api.deploy;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * Base of the deployment strategies ({@link BlueGreen}, {@link Canary}, {@link Shadow}): a service
 * whose instances are declared by a template resource of a provider whose
 * {@link dev.converge.spi.deploy.TrafficRouter} puts a router in front of them. The engine carries out
 * every change of the template through the strategy's verified steps, never by a direct switch, and
 * routes all traffic back to the stable version when a verification fails.
 *
 * <p>The template is used as a template only: the strategy creates its instances, the template itself
 * is not added to the stack. Immutable: every setter returns a new value.
 *
 * @param <S> the concrete strategy type
 */
public abstract class Deployment<S extends Deployment<S>> extends ResourceArgs<S, Deployment.Outputs> {

    /** The type prefix the engine's deployment provider owns. */
    public static final String PROVIDER = "deploy";

    /**
     * A released service.
     *
     * @param id the router's id
     * @param endpoint the address clients use, such as {@code http://127.0.0.1:32768}
     * @param live the version that serves clients, such as {@code blue}
     * @param phase the deployment's phase, {@code stable} when no deployment is under way
     * @param liveInputs the inputs of the live version's instance
     * @param verification what the last verification measured (shadow: requests, mirrored, failed)
     */
    public record Outputs(String id, String endpoint, String live, String phase, Map<String, Object> liveInputs,
            Map<String, Object> verification) {
    }

    protected Deployment(Declaration declaration) {
        super(declaration);
    }

    /**
     * The template of the service's instances, such as a {@code DockerContainer}; its type must belong
     * to a provider with a traffic router. Its inputs may hold outputs of other resources.
     */
    public final S service(ResourceArgs<?, ?> template) {
        Declaration declared = template.declaration();
        return with("instanceType", declared.type()).with("template", declared.properties());
    }

    /** The port the service's instances listen on. */
    public final S port(int port) {
        return with("port", (long) port);
    }

    /** The host port clients reach the router on; without it the provider picks a free one. */
    public final S publish(int hostPort) {
        return with("publish", (long) hostPort);
    }

    /** A verification every new version must pass before (and, for a canary, between) traffic steps. */
    public final S verify(HttpProbe probe) {
        return withElement("probes", probe.toMap());
    }

    /**
     * A verification written in Java that every new version must pass, like a probe. {@code name}
     * identifies it in state and plans (use a name unique in the program, such as
     * {@code "accounts-transfer-smoke"}); the check runs in the process that evaluates the program.
     */
    public final S verify(String name, VersionCheck check) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a version check needs a name");
        }
        VersionCheck.Registry.register(name, java.util.Objects.requireNonNull(check, "check"));
        return withElement("checks", name);
    }

    /** The router's image or kind, as the provider understands it (Docker: an nginx image). */
    public final S routerImage(String image) {
        return with("routerImage", image);
    }

    /**
     * One setting of the provider's traffic router, passed to it as-is with every deployment, such as
     * the Kubernetes router's {@code host} (the Ingress host) or the Route 53 router's {@code zoneId}; see
     * the provider's documentation for its keys. A value may be an {@link dev.converge.api.Output}.
     */
    public final S routerSetting(String key, Object value) {
        return withEntry("router", key, value);
    }

    @Override
    public final Outputs outputs(Map<String, Object> values) {
        return new Outputs(text(values, "id"), text(values, "endpoint"), text(values, "live"), text(values, "phase"),
                map(values, "liveInputs"), map(values, "verification"));
    }

    // The API does not use the SPI's helpers: the SPI depends on the API, never the other way round.
    private static String text(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> values, String key) {
        return values.get(key) instanceof Map<?, ?> found ? (Map<String, Object>) found : Map.of();
    }
}
