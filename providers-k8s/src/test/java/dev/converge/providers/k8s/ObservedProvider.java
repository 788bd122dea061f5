package dev.converge.providers.k8s;

import dev.converge.testing.RoutingRecorder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The real Kubernetes provider, whose traffic router is observed: after every routing call the test
 * records what the mock server then holds (which version the client, canary, preview and mirror Services
 * select, the canary Ingress's weight, the mirror annotation), so each strategy step can be asserted.
 * A step reads {@code client=blue canary=green@10 preview=green mirror=-}; a client Service that selects
 * both versions by their pods (a replica-ratio canary) reads {@code client=blue:9+green:1}.
 */
final class ObservedProvider extends RoutingRecorder {

    private final KubernetesClient observer;
    private final String service;

    ObservedProvider(KubernetesClient observer, String service) {
        super(new KubernetesProvider());
        this.observer = observer;
        this.service = service;
    }

    /**
     * What the cluster routes now, in the form of {@link #steps()}: each Ingress (and the mirror annotation)
     * is followed to the Service it names, and the Service's selector to the version it selects.
     */
    @Override
    protected String observe() {
        Ingress canary = ingress(service + "-canary");
        String weight = canary == null ? "-" : selected(backendOf(canary)) + "@"
                + canary.getMetadata().getAnnotations().get(KubernetesRouter.CANARY_WEIGHT);
        Ingress main = ingress(service);
        String target = main == null ? null : main.getMetadata().getAnnotations().get(KubernetesRouter.MIRROR_TARGET);
        String mirror = target == null ? "-" : selected(java.net.URI.create(target.replace("$request_uri", ""))
                .getHost().split("\\.")[0]);
        String client = main == null ? "absent" : selected(backendOf(main));
        Ingress preview = ingress(service + "-preview");
        return "client=" + client + " canary=" + weight + " preview="
                + (preview == null ? "absent" : selected(backendOf(preview))) + " mirror=" + mirror;
    }

    private static String backendOf(Ingress ingress) {
        return ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName();
    }

    /** The slot ({@code blue}, {@code green}) a Service selects, {@code none}, or {@code absent}. */
    private String selected(String name) {
        Service found = observer.services().inNamespace("default").withName(name).get();
        if (found == null) {
            return "absent";
        }
        java.util.Map<String, String> selector = found.getSpec().getSelector();
        if (selector.containsKey(ReplicaSplit.FAMILY_LABEL)) {
            return pods(selector);
        }
        String instance = selector.get(KubernetesRouter.INSTANCE_LABEL);
        return KubernetesRouter.NO_VERSION.equals(instance) ? "none" : instance.substring(instance.lastIndexOf('-') + 1);
    }

    /** The versions a Service selecting their family reaches, with their pods: {@code blue:9+green:1}. */
    private String pods(java.util.Map<String, String> selector) {
        return observer.apps().deployments().inNamespace("default").list().getItems().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(selector.entrySet()))
                .map(d -> d.getMetadata().getName().substring(d.getMetadata().getName().lastIndexOf('-') + 1) + ":"
                        + d.getSpec().getReplicas())
                .sorted().collect(java.util.stream.Collectors.joining("+"));
    }

    private Ingress ingress(String name) {
        return observer.network().v1().ingresses().inNamespace("default").withName(name).get();
    }
}
