package dev.converge.providers.k8s;

import dev.converge.spi.state.LockInfo;
import dev.converge.spi.state.StateLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stack's lock as a {@code coordination.k8s.io/v1} Lease: the holder identity is the lock id,
 * acquire and renew times are the lock's times (renewTime is the heartbeat), and the whole
 * {@link LockInfo} is kept as JSON in an annotation so a refused run can name the holder. Creating
 * the Lease is the atomic test-and-set; renewals and the takeover of a dead holder's Lease are updates
 * with its resourceVersion, so of two runs taking over one Lease exactly one wins. Thread-safe.
 */
final class LeaseLock implements StateLock {

    static final String INFO = "converge.dev/lock";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String stack;
    private final KubernetesSerialization json;

    LeaseLock(KubernetesClient client, String namespace, String name, String stack) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.stack = stack;
        this.json = client.getKubernetesSerialization();
    }

    private Lease get() {
        return client.leases().inNamespace(namespace).withName(name).get();
    }

    @Override
    public Optional<LockInfo> tryAcquire(LockInfo request) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                client.leases().inNamespace(namespace).resource(lease(request)).create();
                return Optional.empty();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw MissingNamespace.explain(e, namespace, String.valueOf(client.getMasterUrl()));
                }
            }
            Optional<LockInfo> holder = holder();
            if (holder.isPresent()) {
                return holder;
            }
            // released between our create and our read: try again
        }
        throw new IllegalStateException("the lock Lease " + namespace + "/" + name + " of stack " + stack
                + " keeps changing hands; try again");
    }

    /**
     * Replaces the Lease's holder with an update carrying the resourceVersion of the version judged
     * dead: the API server refuses it (409) if anyone renewed or took the Lease meanwhile.
     */
    @Override
    public Optional<LockInfo> takeOver(LockInfo expected, LockInfo request) {
        Lease current = get();
        if (current == null || current.getSpec() == null || current.getSpec().getHolderIdentity() == null) {
            return tryAcquire(request);
        }
        LockInfo stored = info(current);
        if (!stored.sameVersion(expected)) {
            return Optional.of(stored);
        }
        Integer transitions = current.getSpec().getLeaseTransitions();
        current.getSpec().setHolderIdentity(request.id());
        current.getSpec().setAcquireTime(time(request.acquiredAt()));
        current.getSpec().setRenewTime(time(request.heartbeatAt()));
        current.getSpec().setLeaseTransitions(transitions == null ? 1 : transitions + 1);
        current.getMetadata().getAnnotations().put(INFO, toJson(request));
        try {
            client.leases().inNamespace(namespace).resource(current).update();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            Optional<LockInfo> now = holder();
            return now.isPresent() ? now : tryAcquire(request);
        }
    }

    @Override
    public void heartbeat(LockInfo holder) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Lease current = get();
            if (current == null || !holder.id().equals(current.getSpec().getHolderIdentity())) {
                throw new IllegalStateException("the lock of stack " + stack + " is no longer held by " + holder.id()
                        + (current == null ? " (it was released)" : " (now: " + describe(current) + ")")
                        + "; someone may have run force-unlock");
            }
            current.getSpec().setRenewTime(time(holder.heartbeatAt()));
            current.getMetadata().getAnnotations().put(INFO, toJson(holder));
            try {
                client.leases().inNamespace(namespace).resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("cannot renew the lock Lease " + namespace + "/" + name + ": it keeps changing");
    }

    @Override
    public void release(String lockId) {
        forceRelease(lockId);
    }

    @Override
    public Optional<LockInfo> holder() {
        Lease current = get();
        return current == null || current.getSpec() == null || current.getSpec().getHolderIdentity() == null
                ? Optional.empty() : Optional.of(info(current));
    }

    @Override
    public boolean forceRelease(String lockId) {
        Lease current = get();
        if (current == null || !lockId.equals(current.getSpec().getHolderIdentity())) {
            return false;
        }
        try {
            // Only this version: a lease someone re-acquired meanwhile is not ours to delete.
            client.leases().inNamespace(namespace).withName(name)
                    .lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private Lease lease(LockInfo info) {
        return new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGER).addToLabels(Labels.STACK, Labels.safe(stack))
                .addToAnnotations(INFO, toJson(info)).endMetadata()
                .withNewSpec().withHolderIdentity(info.id()).withAcquireTime(time(info.acquiredAt()))
                .withRenewTime(time(info.heartbeatAt())).endSpec().build();
    }

    private static ZonedDateTime time(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    private String describe(Lease lease) {
        return holder().map(LockInfo::describe).orElse("holder " + lease.getSpec().getHolderIdentity());
    }

    private String toJson(LockInfo info) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", info.id());
        map.put("user", info.user());
        map.put("host", info.host());
        map.put("pid", info.pid());
        map.put("operation", info.operation());
        map.put("acquiredAt", info.acquiredAt().toString());
        map.put("heartbeatAt", info.heartbeatAt().toString());
        map.put("bootId", info.bootId());
        map.put("processStart", info.processStart() == null ? null : info.processStart().toString());
        map.put("generation", info.generation());
        return json.asJson(map);
    }

    /** The lock info from the annotation; from the Lease's own fields if another tool wrote it. */
    @SuppressWarnings("unchecked")
    private LockInfo info(Lease lease) {
        String text = lease.getMetadata().getAnnotations() == null ? null
                : lease.getMetadata().getAnnotations().get(INFO);
        String holder = lease.getSpec().getHolderIdentity();
        Instant acquired = lease.getSpec().getAcquireTime() == null ? Instant.EPOCH
                : lease.getSpec().getAcquireTime().toInstant();
        Instant renewed = lease.getSpec().getRenewTime() == null ? acquired : lease.getSpec().getRenewTime().toInstant();
        if (text == null) {
            return new LockInfo(holder, "unknown", "unknown", 0, "unknown", acquired, renewed);
        }
        Map<String, Object> map = json.unmarshal(text, Map.class);
        Object start = map.get("processStart");
        Object generation = map.get("generation");
        return new LockInfo(holder, (String) map.get("user"), (String) map.get("host"),
                ((Number) map.get("pid")).longValue(), (String) map.get("operation"),
                Instant.parse((String) map.get("acquiredAt")), Instant.parse((String) map.get("heartbeatAt")),
                (String) map.get("bootId"), start == null ? null : Instant.parse((String) start),
                generation == null ? 1 : ((Number) generation).longValue());
    }
}
