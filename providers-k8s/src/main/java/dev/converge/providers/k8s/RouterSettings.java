package dev.converge.providers.k8s;

import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.RouterRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of one Kubernetes router, from the strategy's {@code routerSetting(key, value)} calls and
 * the service's template. The cluster is reached through its Ingress controller, so the URLs clients and
 * verification use are the Ingress hosts' URLs, or given explicitly when those are not resolvable from
 * where Converge runs; without a host, the client and preview Services' ClusterIPs. Pure and immutable.
 *
 * @param namespace where the router's Services and Ingresses live (the instances' namespace)
 * @param service the client Service's and main Ingress's name; the others are named after it
 * @param host the main Ingress's host, or null for every host
 * @param previewHost the preview Ingress's host
 * @param path the Ingress path (prefix match)
 * @param ingressClass the Ingress class; the annotations are ingress-nginx's
 * @param servicePort the port of the router's Services
 * @param endpoint the URL clients use (null until {@link #withClusterIPs} when no host gives it)
 * @param previewEndpoint the URL that reaches only the preview version (null as {@code endpoint})
 * @param mirrorMetricsUrl where the shadow's request counters are read (Prometheus text format)
 * @param clientMetricsUrl where the stable version's request counters are read, or null
 * @param mirrorMetric the counter's name, labelled with the answer's status ({@code code} or {@code status})
 * @param settleMillis how long a routing change is given to reach the Ingress controller
 * @param canaryBy how a canary gets its share: {@code ingress} (ingress-nginx canary weights, the default)
 *     or {@code replicas} (its share of the pods behind the client Service)
 */
record RouterSettings(String namespace, String service, String host, String previewHost, String path,
        String ingressClass, int servicePort, String endpoint, String previewEndpoint, String mirrorMetricsUrl,
        String clientMetricsUrl, String mirrorMetric, long settleMillis, String canaryBy) {

    /** The annotation prefix under which the main Ingress remembers these settings. */
    static final String ANNOTATION = "converge.dev/router-";
    static final String BY_INGRESS = "ingress";
    static final String BY_REPLICAS = "replicas";

    /** Reads the settings of {@code request}; fails naming the setting to give when one is missing. */
    static RouterSettings from(RouterRequest request, String defaultNamespace) {
        Map<String, Object> settings = request.settings();
        Map<String, Object> template = request.template();
        String templateNamespace = Values.string(template, "namespace");
        if (templateNamespace != null && !templateNamespace.equals(defaultNamespace)) {
            throw ProviderException.fatal("the service template of router " + request.name() + " sets namespace "
                    + templateNamespace + ", but strategy-managed Deployments live in the provider's namespace "
                    + defaultNamespace + "; remove .namespace(...) from the template and set k8s.namespace="
                    + templateNamespace + " instead");
        }
        String service = text(settings, "service", Values.string(template, "name"));
        if (service == null) {
            throw ProviderException.fatal("router " + request.name() + ": the service template has no name; declare it"
                    + " with Deployment.of(name)");
        }
        String host = text(settings, "host", null);
        String path = text(settings, "path", "/");
        String previewHost = text(settings, "previewHost", host == null ? service + "-preview" : "preview." + host);
        // Without Ingress hosts the URLs are the Services' ClusterIPs, known once they exist (withClusterIPs).
        String endpoint = text(settings, "endpoint", host == null ? null : "http://" + host + trimmed(path));
        String preview = text(settings, "previewEndpoint", host == null && text(settings, "previewHost", null) == null
                ? null : "http://" + previewHost + trimmed(path));
        String canaryBy = text(settings, "canaryBy", BY_INGRESS);
        if (!canaryBy.equals(BY_INGRESS) && !canaryBy.equals(BY_REPLICAS)) {
            throw ProviderException.fatal("router " + request.name() + ": canaryBy is \"" + canaryBy + "\"; use"
                    + " .routerSetting(\"canaryBy\", \"ingress\") for ingress-nginx canary weights or \"replicas\""
                    + " for a share of the pods");
        }
        return new RouterSettings(defaultNamespace, service, host, previewHost, path,
                text(settings, "ingressClass", "nginx"), (int) Values.number(settings, "servicePort", 80), endpoint,
                preview, text(settings, "mirrorMetricsUrl", preview == null ? null : preview + "/metrics"),
                text(settings, "clientMetricsUrl", null), text(settings, "mirrorMetric", "http_requests_total"),
                Values.number(settings, "settleMillis", 1000), canaryBy);
    }

    /**
     * The settings with the URLs that no host or setting gave filled in from the client and preview
     * Services' ClusterIPs ({@code http://<clusterIP>[:<servicePort>]<path>}): what clients and probes use
     * inside the cluster or on one of its nodes when there is no Ingress controller.
     */
    RouterSettings withClusterIPs(String name, String clientIP, String previewIP) {
        String client = endpoint != null ? endpoint : url(clientIP);
        String previewUrl = previewEndpoint != null ? previewEndpoint : url(previewIP);
        if (client == null || previewUrl == null) {
            throw ProviderException.fatal("router " + name + " has no client URL: its Services have no ClusterIP; give the"
                    + " Ingress host with .routerSetting(\"host\", \"accounts.example.com\") or the URLs with"
                    + " .routerSetting(\"endpoint\", \"http://...\") and .routerSetting(\"previewEndpoint\", ...)");
        }
        return new RouterSettings(namespace, service, host, previewHost, path, ingressClass, servicePort, client,
                previewUrl, mirrorMetricsUrl != null ? mirrorMetricsUrl : previewUrl + "/metrics", clientMetricsUrl,
                mirrorMetric, settleMillis, canaryBy);
    }

    private String url(String clusterIP) {
        if (clusterIP == null || clusterIP.isBlank() || "None".equals(clusterIP)) {
            return null;
        }
        return "http://" + clusterIP + (servicePort == 80 ? "" : ":" + servicePort) + trimmed(path);
    }

    /** What the main Ingress remembers, so that later calls that only get the router's id can read it. */
    Map<String, Object> annotations() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(ANNOTATION + "service-port", Integer.toString(servicePort));
        result.put(ANNOTATION + "mirror-metrics-url", mirrorMetricsUrl);
        result.put(ANNOTATION + "client-metrics-url", clientMetricsUrl);
        result.put(ANNOTATION + "mirror-metric", mirrorMetric);
        result.put(ANNOTATION + "settle-millis", Long.toString(settleMillis));
        result.put(ANNOTATION + "canary-by", canaryBy);
        return result;
    }

    private static String text(Map<String, Object> settings, String key, String fallback) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    private static String trimmed(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
