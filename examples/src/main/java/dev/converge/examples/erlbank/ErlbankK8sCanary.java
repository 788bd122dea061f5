package dev.converge.examples.erlbank;

import dev.converge.api.Config;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Deployment;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.engine.Converge;
import java.time.Duration;
import java.util.Map;

/**
 * Erlbank's accounts service released by a {@link Canary} on Kubernetes: the same strategy as the Docker
 * release ({@code examples/.../deploy/ErlbankReleases.java}, {@code accounts.strategy=canary}), with a
 * {@code k8s:Deployment} as the template. Change {@code accounts.version} and {@code apply}: the new version
 * runs as its own Deployment, is verified through the preview Ingress, then gets 10%, 50% and 100% of the
 * requests through an ingress-nginx canary Ingress, verified after each step; the old Deployment is deleted
 * at the end. A failed check puts all traffic back on the stable version at once and deletes the canary.
 *
 * <p>Configuration ({@code converge.<stack>.properties} or {@code CONVERGE_...} variables):
 * <ul>
 *   <li>{@code accounts.version}: the image tag (default {@code 1.0.0});</li>
 *   <li>{@code accounts.image}: the image repository (default {@code erlbank/accounts});</li>
 *   <li>{@code accounts.replicas}: pods per version (default 2);</li>
 *   <li>{@code accounts.stepPause}: seconds each canary step holds before it is verified again (default 10);</li>
 *   <li>{@code erlbank.host}: clients reach the service at {@code accounts.<host>} (default
 *       {@code erlbank.local}); the preview Ingress listens on {@code preview.accounts.<host>};</li>
 *   <li>{@code accounts.router.<key>}: any setting of the Kubernetes router, such as
 *       {@code accounts.router.endpoint} when the Ingress host does not resolve from where Converge runs;</li>
 *   <li>the provider's {@code k8s.context}, {@code k8s.namespace}, {@code k8s.masterUrl}.</li>
 * </ul>
 * Run: {@code mvn -pl examples -am compile exec:java -Dexec.mainClass=dev.converge.examples.erlbank.ErlbankK8sCanary
 * -Dexec.args="apply --auto-approve"}.
 */
public final class ErlbankK8sCanary implements Program {

    static final String ROUTER_PREFIX = "accounts.router.";

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        String version = config.get("accounts.version", "1.0.0");
        var accounts = dev.converge.providers.k8s.Deployment.of("accounts")
                .image(config.get("accounts.image", "erlbank/accounts") + ":" + version)
                .replicas((long) config.getInt("accounts.replicas", 2))
                .port(8080)
                .env("NODE_NAME", "accounts")
                .env("SERVICE_VERSION", version)
                .env("LOG_LEVEL", config.get("log.level", "info"))
                .label("app.kubernetes.io/part-of", "erlbank");
        HttpProbe probe = HttpProbe.get("/cgi-bin/info").requests(20).successRatio(1.0).within(Duration.ofSeconds(20));
        Canary canary = Canary.of("accounts-release").service(accounts).port(8080).verify(probe)
                .steps(10, 50, 100).stepPause(Duration.ofSeconds(config.getInt("accounts.stepPause", 10)))
                .routerSetting("host", "accounts." + config.get("erlbank.host", "erlbank.local"));
        for (Map.Entry<String, String> entry : config.asMap().entrySet()) {
            if (entry.getKey().startsWith(ROUTER_PREFIX)) {
                canary = canary.routerSetting(entry.getKey().substring(ROUTER_PREFIX.length()), entry.getValue());
            }
        }
        Ref<Deployment.Outputs> release = stack.add(canary);
        stack.export("accountsUrl", release.output(r -> r.endpoint() + "/cgi-bin/info"));
        stack.export("accountsLive", release.output(Deployment.Outputs::live));
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new ErlbankK8sCanary()).run(args));
    }
}
