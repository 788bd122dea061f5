package dev.converge.providers.k8s;

import dev.converge.spi.state.StateBackend;
import dev.converge.spi.state.StateHistory;
import dev.converge.spi.state.StateJournal;
import dev.converge.spi.state.StateLock;
import dev.converge.spi.state.StateStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stack state kept in a Kubernetes namespace: the state document in the Secret
 * {@code converge-state-<stack>} (chunked over several Secrets above 512 KiB, written with
 * compare-and-set on the resourceVersion), the lock in the Lease {@code converge-lock-<stack>},
 * history in {@code converge-history-<stack>-<serial>} Secrets and the journal in
 * {@code converge-journal-<stack>-<sequence>} Secrets. Needs RBAC to get, list, create, update and
 * delete Secrets and Leases in the namespace. Thread-safe.
 */
public final class KubernetesStateBackend implements StateBackend {

    private static final int STATE_REQUEST_TIMEOUT_MILLIS = 60_000;

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final String namespace;
    private final SecretChunks secrets;
    private final Map<String, AtomicLong> journalSequences = new ConcurrentHashMap<>();

    /** Uses {@code client} (which stays open after {@link #close}) and keeps state in {@code namespace}. */
    public KubernetesStateBackend(KubernetesClient client, String namespace) {
        this(client, false, namespace);
    }

    private KubernetesStateBackend(KubernetesClient client, boolean ownsClient, String namespace) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.namespace = namespace;
        this.secrets = new SecretChunks(client, namespace);
    }

    /**
     * Connects with the kubeconfig or in-cluster configuration, waiting up to 60 s for an answer (fabric8's
     * default is 10 s) unless the configuration sets another request timeout.
     *
     * @param context a kubeconfig context, or null for the current one
     * @param masterUrl an API server URL overriding the configuration's, or null
     * @param namespace where the state objects live
     */
    public static KubernetesStateBackend connect(String context, String masterUrl, String namespace) {
        Config config = Config.autoConfigure(context);
        if (masterUrl != null) {
            config.setMasterUrl(masterUrl);
        }
        // The engine does not retry state calls: one that times out ends the run. Fabric8 gives up on a request
        // after 10 s; kubectl and client-go set no limit at all. A busy API server answered an operator runner's
        // state call later than 10 s in CI, and the run crashed. Unless the configuration says otherwise, wait longer.
        if (config.getRequestTimeout() == null || config.getRequestTimeout() == Config.DEFAULT_REQUEST_TIMEOUT) {
            config.setRequestTimeout(STATE_REQUEST_TIMEOUT_MILLIS);
        }
        return new KubernetesStateBackend(new KubernetesClientBuilder().withConfig(config).build(), true, namespace);
    }

    private Map<String, String> labels(String kind, String stack) {
        return Map.of("converge.dev/state", kind, Labels.STACK, Labels.safe(stack));
    }

    @Override
    public String describe(String stack) {
        return "kubernetes " + client.getMasterUrl() + " namespace " + namespace + ", Secret "
                + StateNames.of("converge-state", stack);
    }

    @Override
    public StateStore store(String stack) {
        return new SecretStateStore(secrets, StateNames.of("converge-state", stack), labels("document", stack));
    }

    @Override
    public StateLock lock(String stack) {
        return new LeaseLock(client, namespace, StateNames.of("converge-lock", stack), stack);
    }

    @Override
    public StateHistory history(String stack) {
        return new SecretHistory(secrets, StateNames.of("converge-history", stack), labels("history", stack));
    }

    @Override
    public StateJournal journal(String stack) {
        return new SecretJournal(secrets, StateNames.of("converge-journal", stack), labels("journal", stack),
                journalSequences.computeIfAbsent(stack, s -> new AtomicLong()));
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
