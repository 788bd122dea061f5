package dev.converge.providers.k8s;

import dev.converge.api.Address;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.Backend;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes {@link TrafficRouter}, for ingress-nginx. Each version of a service is its own
 * Deployment whose pods carry the label {@code converge.dev/instance}; the router moves traffic by
 * changing which version its Services select:
 * <ul>
 *   <li>the client Service {@code <service>} (behind the main Ingress) selects the primary version:
 *       blue/green is a <b>selector switch</b>;</li>
 *   <li>the preview Service {@code <service>-preview} (behind the preview Ingress, on its own host) selects
 *       only the version under verification;</li>
 *   <li>a canary share is a second Ingress {@code <service>-canary} with ingress-nginx's
 *       {@code canary: "true"} and {@code canary-weight} annotations, in front of {@code <service>-canary};
 *       or, with the setting {@code canaryBy=replicas}, the client Service selects both versions and the
 *       share is the canary's share of the pods ({@link ReplicaSplit});</li>
 *   <li>a shadow is the main Ingress's {@code mirror-target} annotation pointing at {@code <service>-mirror};
 *       the shadow's own Prometheus counters tell how it answered the mirrored requests.</li>
 * </ul>
 * Writes are ordered so that clients always reach a version: the new selection is in place before the old
 * one is removed. The router's id is {@code <namespace>/<service>}. Thread-safe.
 */
final class KubernetesRouter implements TrafficRouter {

    static final String INSTANCE_LABEL = "converge.dev/instance";
    static final String SLOT_LABEL = "converge.dev/slot";
    /** The selector value of a Service that routes to no version (clients get 503). */
    static final String NO_VERSION = "no-version";
    static final String CANARY = "nginx.ingress.kubernetes.io/canary";
    static final String CANARY_WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
    static final String MIRROR_TARGET = "nginx.ingress.kubernetes.io/mirror-target";
    static final String MIRROR_BASELINE = RouterSettings.ANNOTATION + "mirror-baseline";
    static final String CLIENT_BASELINE = RouterSettings.ANNOTATION + "client-baseline";

    private static final List<String> ANNOTATIONS = List.of("metadata", "annotations");

    private final RouterObjects objects;
    private final ReplicaSplit replicas;
    private final String namespace;
    private final MirrorMetrics metrics = new MirrorMetrics();

    /** The router {@code make} builds, when {@code type} asks for a {@link TrafficRouter}; empty otherwise. */
    static <T> java.util.Optional<T> offered(Class<T> type, java.util.function.Supplier<KubernetesRouter> make) {
        return type == TrafficRouter.class ? java.util.Optional.of(type.cast(make.get())) : java.util.Optional.empty();
    }

    KubernetesRouter(Cluster cluster, Operations operations, String namespace) {
        this.objects = new RouterObjects(cluster);
        this.replicas = new ReplicaSplit(objects, operations);
        this.namespace = namespace;
    }

    /** Creates the client and preview Services (routing nothing) and both Ingresses; adopts existing ones. */
    @Override
    public RouterInfo ensureRouter(RouterRequest request) {
        RouterSettings declared = RouterSettings.from(request, namespace);
        String svc = declared.service();
        int target = containerPort(request.template(), declared.servicePort());
        Ownership owner = request.owner();
        // Existing Services keep their selection: adopting a router never moves traffic.
        Map<String, Object> client = objects.upsert(RouterObjects.service(namespace, svc), owner,
                serviceFields(NO_VERSION, declared.servicePort(), target), true);
        Map<String, Object> preview = objects.upsert(RouterObjects.service(namespace, svc + "-preview"), owner,
                serviceFields(NO_VERSION, declared.servicePort(), target), true);
        RouterSettings s = declared.withClusterIPs(request.name(), clusterIP(client), clusterIP(preview));
        Map<List<String>, Object> main = ingressFields(s, s.host(), svc);
        s.annotations().forEach((key, value) -> main.put(annotation(key), value));
        objects.upsert(RouterObjects.ingress(namespace, svc), owner, main, false);
        objects.upsert(RouterObjects.ingress(namespace, svc + "-preview"), owner,
                ingressFields(s, s.previewHost(), svc + "-preview"), false);
        return new RouterInfo(namespace + "/" + svc, s.endpoint(), s.previewEndpoint());
    }

    @Override
    public void route(RouteRequest request) {
        RouterId id = RouterId.parse(request.routerId());
        Map<String, Object> main = mainIngress(id);
        Map<String, Object> notes = Values.mapOf(Values.mapOf(main, "metadata"), "annotations");
        int port = (int) number(notes.get(RouterSettings.ANNOTATION + "service-port"), 80);
        Ownership owner = ownerOf(main, id);
        List<Backend> weighted = request.backends().stream().filter(b -> b.weight() > 0).toList();
        if (weighted.size() > 2) {
            throw ProviderException.fatal("router " + id + " can split traffic between two versions only, got "
                    + weighted.size() + "; finish or roll back the running deployment first");
        }
        Optional<Backend> primary = weighted.stream().reduce((a, b) -> b.weight() > a.weight() ? b : a);
        Optional<Backend> canary = weighted.stream().filter(b -> b != primary.orElse(null)).findFirst();
        // Read before changing anything: an unreadable counter leaves the routing as it was.
        Map<String, Object> baselines = request.mirror().isPresent() ? baselines(notes, id) : Map.of();
        ObjectRef client = RouterObjects.service(id.namespace(), id.service());
        if (RouterSettings.BY_REPLICAS.equals(text(notes, "canary-by"))) {
            routeByReplicas(id, owner, client, primary, canary, port, request);
        } else {
            canary.ifPresent(c -> routeCanary(id, owner, main, c, port));
            objects.upsert(client, owner, selected(primary, port), false);
        }
        if (canary.isEmpty() || RouterSettings.BY_REPLICAS.equals(text(notes, "canary-by"))) {
            objects.delete(RouterObjects.ingress(id.namespace(), id.service() + "-canary"));
            objects.delete(RouterObjects.service(id.namespace(), id.service() + "-canary"));
        }
        objects.upsert(RouterObjects.service(id.namespace(), id.service() + "-preview"), owner,
                selected(request.preview(), port), false);
        routeMirror(id, owner, notes, request.mirror(), baselines, port);
        settle(number(notes.get(RouterSettings.ANNOTATION + "settle-millis"), 1000));
    }

    /** Two versions: both behind the client Service, by their pods; one: its pods back, then it alone. */
    private void routeByReplicas(RouterId id, Ownership owner, ObjectRef client, Optional<Backend> primary,
            Optional<Backend> canary, int port, RouteRequest request) {
        if (canary.isEmpty()) {
            primary.ifPresent(p -> replicas.restore(id.namespace(), owner, p, request.timeout()));
            objects.upsert(client, owner, selected(primary, port), false);
            return;
        }
        Map<String, Object> selector = Values.mapOf(Values.mapOf(objects.get(client).orElse(Map.of()), "spec"),
                "selector");
        BackendAddress address = BackendAddress.parse(primary.orElseThrow().address());
        Map<List<String>, Object> both = serviceFields(NO_VERSION, port, address.port());
        both.put(List.of("spec", "selector"), ReplicaSplit.familySelector(address.name()));
        replicas.split(id.namespace(), owner, primary.get(), canary.get(), selector,
                () -> objects.upsert(client, owner, both, false), request.timeout());
    }

    /** The canary's Service, then its Ingress: the same rules as the main one, weighted. */
    private void routeCanary(RouterId id, Ownership owner, Map<String, Object> main, Backend canary, int port) {
        String name = id.service() + "-canary";
        objects.upsert(RouterObjects.service(id.namespace(), name), owner, selected(Optional.of(canary), port), false);
        Map<List<String>, Object> fields = new LinkedHashMap<>();
        fields.put(List.of("spec"), retarget(Values.mapOf(main, "spec"), name));
        fields.put(annotation(CANARY), "true");
        fields.put(annotation(CANARY_WEIGHT), Integer.toString(canary.weight()));
        objects.upsert(RouterObjects.ingress(id.namespace(), name), owner, fields, false);
    }

    private void routeMirror(RouterId id, Ownership owner, Map<String, Object> notes, Optional<Backend> mirror,
            Map<String, Object> baselines, int port) {
        ObjectRef service = RouterObjects.service(id.namespace(), id.service() + "-mirror");
        ObjectRef ingress = RouterObjects.ingress(id.namespace(), id.service());
        Map<List<String>, Object> fields = new LinkedHashMap<>();
        if (mirror.isPresent()) {
            objects.upsert(service, owner, selected(mirror, port), false);
            fields.put(annotation(MIRROR_TARGET), "http://" + service.name() + "." + id.namespace()
                    + ".svc.cluster.local:" + port + "$request_uri");
            baselines.forEach((key, value) -> fields.put(annotation(key), value));
            objects.upsert(ingress, owner, fields, false);
            return;
        }
        if (notes.containsKey(MIRROR_TARGET) || notes.containsKey(MIRROR_BASELINE)) {
            for (String key : List.of(MIRROR_TARGET, MIRROR_BASELINE, CLIENT_BASELINE)) {
                fields.put(annotation(key), null);
            }
            objects.upsert(ingress, owner, fields, false);
        }
        objects.delete(service);
    }

    /** The counters when mirroring starts, as annotations, so later reads count only what follows. */
    private Map<String, Object> baselines(Map<String, Object> notes, RouterId id) {
        Map<String, Object> result = new LinkedHashMap<>();
        String metric = text(notes, "mirror-metric");
        result.put(MIRROR_BASELINE, metrics.read(text(notes, "mirror-metrics-url"), metric, id.toString()).encode());
        String client = text(notes, "client-metrics-url");
        if (client != null) {
            result.put(CLIENT_BASELINE, metrics.read(client, metric, id.toString()).encode());
        }
        return result;
    }

    /** The shadow's answers since mirroring started, from its counters minus the reading taken then. */
    @Override
    public MirrorStats mirrorStats(String routerId) {
        RouterId id = RouterId.parse(routerId);
        Map<String, Object> notes = Values.mapOf(Values.mapOf(mainIngress(id), "metadata"), "annotations");
        if (!notes.containsKey(MIRROR_TARGET)) {
            return new MirrorStats(0, 0, 0);
        }
        String metric = text(notes, "mirror-metric");
        MirrorMetrics.Counts mirrored = metrics.read(text(notes, "mirror-metrics-url"), metric, routerId)
                .minus(MirrorMetrics.Counts.decode((String) notes.get(MIRROR_BASELINE)));
        String client = text(notes, "client-metrics-url");
        long requests = client == null ? mirrored.total() : metrics.read(client, metric, routerId)
                .minus(MirrorMetrics.Counts.decode((String) notes.get(CLIENT_BASELINE))).total();
        return new MirrorStats(requests, mirrored.total(), mirrored.failed());
    }

    /** Deletes the Ingresses first (no traffic arrives), then the Services; gone objects are fine. */
    @Override
    public void deleteRouter(String routerId) {
        RouterId id = RouterId.parse(routerId);
        for (String suffix : List.of("-canary", "", "-preview")) {
            objects.delete(RouterObjects.ingress(id.namespace(), id.service() + suffix));
        }
        for (String suffix : List.of("-canary", "-mirror", "-preview", "")) {
            objects.delete(RouterObjects.service(id.namespace(), id.service() + suffix));
        }
    }

    /**
     * The template renamed to {@code instanceName}, its pods and selector labelled with the instance (what
     * the router's Services select), its slot ({@code blue}/{@code green}) and its family (what a replica-ratio
     * canary selects); the template's own labels,
     * such as {@code app}, stay, so every version's pods are still found by them.
     */
    @Override
    public Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName) {
        Map<String, Object> inputs = Trees.copyMap(Values.normalizeMap(template));
        inputs.put("name", instanceName);
        String label = Labels.safe(instanceName);
        String slot = Labels.safe(instanceName.substring(instanceName.lastIndexOf('-') + 1));
        Trees.put(inputs, List.of("spec", "selector", "matchLabels", INSTANCE_LABEL), label);
        Trees.put(inputs, List.of("spec", "template", "metadata", "labels", INSTANCE_LABEL), label);
        Trees.put(inputs, List.of("spec", "template", "metadata", "labels", SLOT_LABEL), slot);
        Trees.put(inputs, List.of("spec", "template", "metadata", "labels", ReplicaSplit.FAMILY_LABEL),
                ReplicaSplit.family(instanceName));
        return Kinds.require("k8s:Deployment").schema().withDefaults(Values.normalizeMap(inputs));
    }

    /** {@code <namespace>/<deployment>:<port>}: the router selects the Deployment's pods on that port. */
    @Override
    public String backendAddress(Map<String, Object> instanceOutputs, Map<String, Object> template, int port) {
        String name = Values.string(instanceOutputs, "name");
        if (name == null) {
            throw ProviderException.fatal("the instance has no name in its outputs; the router cannot select it");
        }
        String ns = Values.string(instanceOutputs, "namespace");
        return (ns == null ? namespace : ns) + "/" + name + ":" + port;
    }

    private Map<String, Object> mainIngress(RouterId id) {
        return objects.get(RouterObjects.ingress(id.namespace(), id.service())).orElseThrow(() ->
                ProviderException.retryable("router " + id + " is gone (no Ingress " + id
                        + "); run apply again to recreate it"));
    }

    private static Ownership ownerOf(Map<String, Object> main, RouterId id) {
        Map<String, Object> notes = Values.mapOf(Values.mapOf(main, "metadata"), "annotations");
        Object stack = notes.get(Labels.STACK_ANNOTATION);
        Object address = notes.get(Labels.ADDRESS_ANNOTATION);
        return new Ownership(stack == null ? "default" : stack.toString(),
                Address.parse(address == null ? id.service() : address.toString()));
    }

    /** A Service's owned fields: it selects {@code version}'s pods and forwards its port to theirs. */
    private static Map<List<String>, Object> serviceFields(String version, int port, int targetPort) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "http");
        entry.put("port", (long) port);
        entry.put("targetPort", (long) targetPort);
        Map<List<String>, Object> fields = new LinkedHashMap<>();
        fields.put(List.of("spec", "selector"), Map.of(INSTANCE_LABEL, version));
        fields.put(List.of("spec", "ports"), List.of(entry));
        return fields;
    }

    private static Map<List<String>, Object> selected(Optional<Backend> backend, int port) {
        if (backend.isEmpty()) {
            Map<List<String>, Object> fields = new LinkedHashMap<>();
            fields.put(List.of("spec", "selector"), Map.of(INSTANCE_LABEL, NO_VERSION));
            return fields;
        }
        BackendAddress address = BackendAddress.parse(backend.get().address());
        return serviceFields(Labels.safe(address.name()), port, address.port());
    }

    private static Map<List<String>, Object> ingressFields(RouterSettings s, String host, String service) {
        Map<String, Object> backend = Map.of("service", Map.of("name", service,
                "port", Map.of("number", (long) s.servicePort())));
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("path", s.path());
        path.put("pathType", "Prefix");
        path.put("backend", backend);
        Map<String, Object> rule = new LinkedHashMap<>();
        if (host != null) {
            rule.put("host", host);
        }
        rule.put("http", Map.of("paths", List.of(path)));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ingressClassName", s.ingressClass());
        spec.put("rules", List.of(rule));
        Map<List<String>, Object> fields = new LinkedHashMap<>();
        fields.put(List.of("spec"), spec);
        return fields;
    }

    /** A copy of an Ingress spec whose every path leads to {@code service}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> retarget(Map<String, Object> spec, String service) {
        Map<String, Object> copy = Trees.copyMap(spec);
        if (copy.get("rules") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (Trees.get(rule, List.of("http", "paths")) instanceof List<?> paths) {
                    paths.forEach(path -> Trees.put((Map<String, Object>) path, List.of("backend", "service", "name"),
                            service));
                }
            }
        }
        return copy;
    }

    private static String clusterIP(Map<String, Object> service) {
        Object ip = Trees.get(service, List.of("spec", "clusterIP"));
        return ip == null ? null : ip.toString();
    }

    private static int containerPort(Map<String, Object> template, int fallback) {
        Object ports = Trees.get(template, List.of("spec", "template", "spec", "containers"));
        if (ports instanceof List<?> containers && !containers.isEmpty()
                && Trees.get(containers.get(0), List.of("ports")) instanceof List<?> list && !list.isEmpty()) {
            return (int) number(Trees.get(list.get(0), List.of("containerPort")), fallback);
        }
        return fallback;
    }

    private static List<String> annotation(String key) {
        return List.of(ANNOTATIONS.get(0), ANNOTATIONS.get(1), key);
    }

    private static String text(Map<String, Object> notes, String setting) {
        Object value = notes.get(RouterSettings.ANNOTATION + setting);
        return value == null ? null : value.toString();
    }

    /** A number, or its text; {@code fallback} when missing or not a number. */
    static long number(Object value, long fallback) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? fallback : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Gives the Ingress controller time to load the change; the API server has accepted it already. */
    private static void settle(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable("interrupted while a routing change settled", e);
        }
    }

    /** A router's id, {@code <namespace>/<service>}. */
    record RouterId(String namespace, String service) {

        static RouterId parse(String id) {
            int slash = id.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("Kubernetes router id must be namespace/service, was " + id);
            }
            return new RouterId(id.substring(0, slash), id.substring(slash + 1));
        }

        @Override
        public String toString() {
            return namespace + "/" + service;
        }
    }

    /** A backend's address, {@code <namespace>/<deployment>:<port>}, as {@link #backendAddress} made it. */
    record BackendAddress(String namespace, String name, int port) {

        static BackendAddress parse(String address) {
            int slash = address.indexOf('/');
            int colon = address.lastIndexOf(':');
            if (slash <= 0 || colon < slash) {
                throw new IllegalArgumentException("Kubernetes backend must be namespace/deployment:port, was " + address);
            }
            return new BackendAddress(address.substring(0, slash), address.substring(slash + 1, colon),
                    Integer.parseInt(address.substring(colon + 1)));
        }
    }
}
