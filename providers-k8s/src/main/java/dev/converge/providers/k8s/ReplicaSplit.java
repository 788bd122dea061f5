package dev.converge.providers.k8s;

import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canary by replica ratio ({@code routerSetting("canaryBy", "replicas")}), for clusters without an
 * Ingress controller that weights traffic: both versions' Deployments stand behind the one client
 * Service, which then selects the label every version's pods share ({@link #FAMILY_LABEL}), and the share
 * of each version is its share of the pods. A step to {@code w}% gives the canary {@code round(T × w / 100)}
 * pods (at least one) and the stable version the rest of {@code T}, the larger of the two versions' own
 * replica counts; so the share is exact only when {@code T × w / 100} is whole, and with {@code T = 1}
 * both versions run one pod (50%).
 *
 * <p>Each Deployment remembers its own replica count in {@link #FULL_REPLICAS} while the split holds it
 * below that, and gets it back when it alone takes the traffic again. Writes are ordered so that the canary
 * never has more than its share: an unselected canary is scaled before the Service selects it, every scaling
 * is awaited (ready pods, surplus pods terminating) before the selection changes, and selected versions
 * shrink only afterwards.
 */
final class ReplicaSplit {

    /** The label every version's pods of one service carry: the deployment's base name, without the slot. */
    static final String FAMILY_LABEL = "converge.dev/family";
    /** A Deployment's own replica count while a split runs it with fewer or more. */
    static final String FULL_REPLICAS = RouterSettings.ANNOTATION + "full-replicas";

    private static final KindInfo DEPLOYMENT = Kinds.require("k8s:Deployment").kind();
    private static final String TYPE = "k8s:Deployment";

    private final RouterObjects objects;
    private final Operations operations;

    ReplicaSplit(RouterObjects objects, Operations operations) {
        this.objects = objects;
        this.operations = operations;
    }

    /** The pods of the two versions for {@code weight}% to the smaller share, out of {@code total}. Pure. */
    static Pods pods(long total, int weight) {
        if (total < 2) {
            return new Pods(1, 1);
        }
        long canary = Math.min(total - 1, Math.max(1, Math.round(total * weight / 100.0)));
        return new Pods(total - canary, canary);
    }

    /** Pod counts of a split: the version with the larger weight, and the other. */
    record Pods(long larger, long smaller) {
    }

    /** The family label value of a version's Deployment {@code <base>-<slot>}. */
    static String family(String deploymentName) {
        int dash = deploymentName.lastIndexOf('-');
        return Labels.safe(dash > 0 ? deploymentName.substring(0, dash) : deploymentName);
    }

    /** The client Service's selector while a split runs. */
    static Map<String, Object> familySelector(String deploymentName) {
        return Map.of(FAMILY_LABEL, family(deploymentName));
    }

    /**
     * Scales {@code a} and {@code b} to their shares of the pods; {@code selectBoth} then points the client
     * Service at both (their family), after every scale-up and before any selected version shrinks.
     */
    void split(String namespace, Ownership owner, Backend a, Backend b, Map<String, Object> clientSelector,
            Runnable selectBoth, Duration timeout) {
        Backend larger = a.weight() >= b.weight() ? a : b;
        Backend smaller = larger == a ? b : a;
        Version big = read(namespace, larger);
        Version small = read(namespace, smaller);
        requireFamily(namespace, big);
        requireFamily(namespace, small);
        Pods pods = pods(Math.max(big.full(), small.full()), smaller.weight());
        List<Runnable> afterSelection = new ArrayList<>();
        for (Version version : List.of(small, big)) {
            long wanted = version == big ? pods.larger() : pods.smaller();
            boolean selected = clientSelector.equals(familySelector(version.name()))
                    || version.instance().equals(clientSelector.get(KubernetesRouter.INSTANCE_LABEL));
            if (wanted < version.replicas() && selected) {
                afterSelection.add(() -> scale(owner, version, wanted, timeout));
            } else {
                scale(owner, version, wanted, timeout);
            }
        }
        selectBoth.run();
        afterSelection.forEach(Runnable::run);
    }

    /** Gives {@code primary} its own replica count back, if a split took it, and waits for its pods. */
    void restore(String namespace, Ownership owner, Backend primary, Duration timeout) {
        Version version = read(namespace, primary);
        if (version.remembered()) {
            scale(owner, version, version.full(), timeout);
            Map<List<String>, Object> forget = new LinkedHashMap<>();
            forget.put(annotation(), null);
            objects.upsert(version.ref(), owner, forget, false);
        }
    }

    private void scale(Ownership owner, Version version, long replicas, Duration timeout) {
        if (replicas == version.replicas()) {
            return;
        }
        Map<List<String>, Object> fields = new LinkedHashMap<>();
        fields.put(List.of("spec", "replicas"), replicas);
        fields.put(annotation(), Long.toString(version.full()));
        Map<String, Object> written = objects.upsert(version.ref(), owner, fields, false);
        // Scale-downs are awaited too: until the ReplicaSet has marked the surplus pods terminating, they are
        // still ready endpoints, and a Service selecting their version now would give it more than its share.
        operations.waitReady(TYPE, version.ref(), written, timeout);
    }

    private Version read(String namespace, Backend backend) {
        String name = KubernetesRouter.BackendAddress.parse(backend.address()).name();
        ObjectRef ref = new ObjectRef(DEPLOYMENT, namespace, name);
        Map<String, Object> live = objects.get(ref).orElseThrow(() -> ProviderException.retryable(
                "version " + backend.version() + " has no Deployment " + namespace + "/" + name
                        + "; run apply again to start it"));
        long replicas = KubernetesRouter.number(Trees.get(live, List.of("spec", "replicas")), 1);
        Object remembered = Values.mapOf(Values.mapOf(live, "metadata"), "annotations").get(FULL_REPLICAS);
        long full = remembered == null ? replicas : KubernetesRouter.number(remembered, replicas);
        Object label = Trees.get(live, List.of("spec", "template", "metadata", "labels", FAMILY_LABEL));
        return new Version(ref, name, Labels.safe(name), replicas, full, remembered != null, family(name).equals(label));
    }

    /** Refuses, before any change, a version the family selector would miss: all traffic would go to the other. */
    private static void requireFamily(String namespace, Version version) {
        if (!version.labelled()) {
            throw ProviderException.fatal("Deployment " + namespace + "/" + version.name() + " was started before"
                    + " replica-ratio canaries (its pods lack the label " + FAMILY_LABEL + "=" + family(version.name())
                    + "), so a Service selecting both versions would miss it; release it once with canaryBy=ingress"
                    + " or with BlueGreen, then use canaryBy=replicas");
        }
    }

    /** One version's Deployment as the split found it. */
    private record Version(ObjectRef ref, String name, String instance, long replicas, long full, boolean remembered,
            boolean labelled) {
    }

    private static List<String> annotation() {
        return List.of("metadata", "annotations", FULL_REPLICAS);
    }
}
