package dev.converge.e2e.pods;

import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.providers.k8s.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A test service on pods, released by a strategy through the Kubernetes router: busybox httpd whose CGI
 * {@code /cgi-bin/app} answers its version and {@code /cgi-bin/health} 200, with a readiness probe on a
 * static file. A version that {@code breaksUnderTraffic} passes its preview verification (probes only) and
 * fails its health check once a client request has reached the pod: a canary that breaks at its first
 * step. The pods keep answering for two seconds after SIGTERM while kube-proxy takes them out of the
 * Services (a pod stopped at once would refuse connections kube-proxy still sends it). The router runs
 * without Ingress hosts, so clients and probes use the Services' ClusterIPs, reachable from the node.
 */
record PodsService(String strategy, String version, int replicas, boolean breaksUnderTraffic,
        UnaryOperator<Canary> canary) implements Program {

    static final String APP = "/cgi-bin/app";

    static PodsService blueGreen(String version) {
        return new PodsService("bluegreen", version, 2, false, c -> c);
    }

    /** A canary by replica ratio with ten replicas, so that each step's share is a whole number of pods. */
    static PodsService canary(String version, Duration stepPause) {
        return new PodsService("canary", version, 10, false, c -> c.steps(10, 50, 100).stepPause(stepPause));
    }

    PodsService replicas(int count) {
        return new PodsService(strategy, version, count, breaksUnderTraffic, canary);
    }

    PodsService breakingUnderTraffic() {
        return new PodsService(strategy, version, replicas, true, canary);
    }

    @Override
    public void define(Stack stack) {
        HttpProbe probe = HttpProbe.get("/cgi-bin/health").requests(10).within(Duration.ofSeconds(20));
        Ref<dev.converge.api.deploy.Deployment.Outputs> service = switch (strategy) {
            case "bluegreen" -> stack.add(BlueGreen.of("svc").service(template()).port(8080).verify(probe));
            case "canary" -> stack.add(canary.apply(Canary.of("svc").service(template()).port(8080).verify(probe)
                    .routerSetting("canaryBy", "replicas")));
            default -> throw new IllegalArgumentException(strategy);
        };
        stack.export("endpoint", service.output(dev.converge.api.deploy.Deployment.Outputs::endpoint));
        stack.export("live", service.output(dev.converge.api.deploy.Deployment.Outputs::live));
    }

    private Deployment template() {
        return Deployment.of("web").image("converge/busybox:1").replicas((long) replicas).port(8080)
                .env("APP", "#!/bin/sh\n" + (breaksUnderTraffic ? "touch /tmp/served\n" : "")
                        + "printf 'Content-Type: text/plain\\r\\n\\r\\n" + version + "'\n")
                .env("HEALTH", "#!/bin/sh\nif [ -f /tmp/served ]; then\n"
                        + "  printf 'HTTP/1.0 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbroken'\n"
                        + "else\n  printf 'Content-Type: text/plain\\r\\n\\r\\nok'\nfi\n")
                .specField("Never", container("imagePullPolicy"))
                .specField(List.of("sh", "-c", serve("mkdir -p /www/cgi-bin && printf '%s' \"$APP\" > /www/cgi-bin/app"
                        + " && printf '%s' \"$HEALTH\" > /www/cgi-bin/health && chmod +x /www/cgi-bin/*"
                        + " && echo ready > /www/ready", "/www")), container("command"))
                .specField(Map.of("httpGet", Map.of("path", "/ready", "port", 8080L), "periodSeconds", 1L),
                        container("readinessProbe"))
                .specField(10L, "template", "spec", "terminationGracePeriodSeconds");
    }

    /**
     * A shell command: {@code setup}, then httpd on port 8080 serving {@code root} in the background; on
     * SIGTERM it answers two more seconds, then stops.
     */
    static String serve(String setup, String root) {
        return setup + " && { httpd -f -p 8080 -h " + root + " & }; pid=$!;"
                + " trap 'sleep 2; kill $pid; exit 0' TERM; wait $pid";
    }

    static Object[] container(String field) {
        return new Object[] {"template", "spec", "containers", 0, field};
    }
}
