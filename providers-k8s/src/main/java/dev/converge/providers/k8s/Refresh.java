package dev.converge.providers.k8s;

import dev.converge.api.Address;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh by label selector: one list call per kind and namespace with the stack's labels instead of
 * one GET per object, and {@code findOwned} across namespaces. Objects missing from a list (labels
 * removed by hand, for example) are confirmed with a single GET before they count as gone.
 */
final class Refresh {

    private final Cluster cluster;
    private final Operations operations;
    private final Settings settings;

    Refresh(Cluster cluster, Operations operations, Settings settings) {
        this.cluster = cluster;
        this.operations = operations;
        this.settings = settings;
    }

    /** The group of objects read by one list call. */
    private record Group(KindInfo kind, String namespace) {
    }

    ReadManyResponse readMany(ReadManyRequest request) {
        TypeSpec spec = Kinds.require(request.type());
        Map<Group, List<ReadRequest>> groups = new LinkedHashMap<>();
        for (ReadRequest one : request.resources()) {
            ObjectRef ref = operations.refOf(spec, one.id());
            groups.computeIfAbsent(new Group(ref.kind(), ref.namespace()), g -> new ArrayList<>()).add(one);
        }
        Map<Address, ReadResponse> results = new LinkedHashMap<>();
        groups.forEach((group, reads) -> {
            Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
            try {
                for (Map<String, Object> live : cluster.list(group.kind(), group.namespace(),
                        Labels.stackSelector(settings.stack()))) {
                    byName.put(String.valueOf(Trees.get(live, List.of("metadata", "name"))), live);
                }
            } catch (RuntimeException e) {
                throw Errors.wrap("list", new ObjectRef(group.kind(), group.namespace(), "*"), e);
            }
            for (ReadRequest one : reads) {
                String name = operations.refOf(spec, one.id()).name();
                Map<String, Object> live = byName.get(name);
                results.put(one.address(), live != null ? operations.found(spec, live, one.priorInputs())
                        : operations.read(one));
            }
        });
        return new ReadManyResponse(results);
    }

    /** Every object of the requested typed kinds (all when none are named) that carries the stack's labels. */
    FindOwnedResponse findOwned(FindOwnedRequest request) {
        List<OwnedObject> found = new ArrayList<>();
        for (TypeSpec spec : Kinds.typed()) {
            if (!request.types().isEmpty() && !request.types().contains(spec.type())) {
                continue;
            }
            List<Map<String, Object>> listed;
            try {
                listed = ownedOfKind(spec.kind(), request.stack());
            } catch (RuntimeException e) { // retryable when the API server is busy or was unreachable
                throw Errors.wrap("list", new ObjectRef(spec.kind(), null, "*"), e);
            }
            for (Map<String, Object> live : listed) {
                ownedObject(spec, live).ifPresent(found::add);
            }
        }
        return new FindOwnedResponse(found, true);
    }

    /**
     * The stack's objects of a kind in every namespace; when the credentials may not list across namespaces
     * (a runner whose Role ends at its namespace, as the operator's Jobs), in the provider's namespace: the
     * only one such a runner could have created a namespaced object in.
     */
    private List<Map<String, Object>> ownedOfKind(KindInfo kind, String stack) {
        try {
            return cluster.list(kind, null, Labels.stackSelector(stack));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 || !kind.namespaced()) {
                throw e;
            }
            return cluster.list(kind, settings.namespace(), Labels.stackSelector(stack));
        }
    }

    private Optional<OwnedObject> ownedObject(TypeSpec spec, Map<String, Object> live) {
        Object address = Trees.get(live, List.of("metadata", "annotations", Labels.ADDRESS_ANNOTATION));
        if (!(address instanceof String text)) {
            return Optional.empty();
        }
        Object namespace = Trees.get(live, List.of("metadata", "namespace"));
        ObjectRef ref = new ObjectRef(spec.kind(), namespace == null ? null : namespace.toString(),
                String.valueOf(Trees.get(live, List.of("metadata", "name"))));
        Map<String, Object> inputs = Manifests.observe(spec, live, Map.of(), settings.owners());
        return Optional.of(new OwnedObject(Address.parse(text), spec.type(), ref.id(false), inputs,
                Manifests.outputs(spec, live, inputs)));
    }
}
