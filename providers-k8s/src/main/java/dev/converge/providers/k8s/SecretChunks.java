package dev.converge.providers.k8s;

import dev.converge.spi.state.StateConflictException;
import dev.converge.spi.state.StateStore.StoredState;
// The Fabric8 model Secret, not this package's typed builder of the same simple name.
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Byte documents stored in Secrets of one namespace, split over several Secrets when larger than
 * {@link #CHUNK_BYTES} (a Secret holds at most 1 MiB). A head Secret holds the document, or names
 * the generation of its chunk Secrets; chunks are written first under fresh names, then the head is
 * switched with compare-and-set on its resourceVersion, then the old chunks are deleted, so readers
 * never see a half-written document. Thread-safe.
 */
final class SecretChunks {

    /** Raw bytes per Secret: base64 makes 512 KiB into about 683 KiB, well under the 1 MiB limit. */
    static final int CHUNK_BYTES = 512 * 1024;
    static final String PART_LABEL = "converge.dev/part";
    static final String HEAD_LABEL = "converge.dev/head";
    static final String CHUNKS = "converge.dev/chunks";
    static final String GENERATION = "converge.dev/generation";
    private static final String DATA = "data";

    private final KubernetesClient client;
    private final String namespace;

    SecretChunks(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    private Secret get(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    /** The document and the head's resourceVersion, or empty if there is none. */
    Optional<StoredState> read(String name) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Secret head = get(name);
            if (head == null) {
                return Optional.empty();
            }
            Optional<byte[]> bytes = assemble(head);
            if (bytes.isPresent()) {
                return Optional.of(new StoredState(bytes.get(), head.getMetadata().getResourceVersion()));
            }
            // A writer replaced the chunks after we read the head: read the new head.
        }
        throw new IllegalStateException("the state in Secret " + namespace + "/" + name
                + " changed on every read attempt; try again");
    }

    private Optional<byte[]> assemble(Secret head) {
        String chunks = annotation(head, CHUNKS);
        if (chunks == null) {
            return Optional.of(decode(head, DATA));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String generation = annotation(head, GENERATION);
        for (int i = 0; i < Integer.parseInt(chunks); i++) {
            Secret chunk = get(chunkName(head.getMetadata().getName(), generation, i));
            if (chunk == null) {
                return Optional.empty();
            }
            out.writeBytes(decode(chunk, DATA));
        }
        return Optional.of(out.toByteArray());
    }

    /**
     * Writes the document if the head's resourceVersion is still {@code expectedVersion} (null: no
     * head may exist). Returns the new resourceVersion.
     *
     * @throws StateConflictException if another writer got there first
     */
    String write(String name, byte[] bytes, String expectedVersion, Map<String, String> labels,
            Map<String, String> annotations) {
        String generation = UUID.randomUUID().toString().substring(0, 8);
        Secret previous = expectedVersion == null ? null : get(name);
        if (expectedVersion != null && (previous == null
                || !expectedVersion.equals(previous.getMetadata().getResourceVersion()))) {
            throw new StateConflictException("Secret " + namespace + "/" + name + " is no longer at version "
                    + expectedVersion + ": another run wrote the state; reload and try again");
        }
        int count = writeChunks(name, bytes, generation, labels);
        Secret head = head(name, bytes, count, generation, labels, expectedVersion);
        head.getMetadata().getAnnotations().putAll(annotations);
        try {
            Secret written = expectedVersion == null ? client.secrets().inNamespace(namespace).resource(head).create()
                    : client.secrets().inNamespace(namespace).resource(head).update();
            if (previous != null) {
                deleteChunks(name, annotation(previous, GENERATION));
            }
            return written.getMetadata().getResourceVersion();
        } catch (KubernetesClientException e) {
            deleteChunks(name, generation);
            if (e.getCode() == 409) {
                throw new StateConflictException("Secret " + namespace + "/" + name
                        + " was written by another run meanwhile; reload and try again");
            }
            throw MissingNamespace.explain(e, namespace, String.valueOf(client.getMasterUrl()));
        }
    }

    /** Writes the chunk Secrets of a document too large for one; returns how many (0: it fits the head). */
    private int writeChunks(String name, byte[] bytes, String generation, Map<String, String> labels) {
        int count = bytes.length <= CHUNK_BYTES ? 0 : (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        for (int i = 0; i < count; i++) {
            int from = i * CHUNK_BYTES;
            byte[] part = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES));
            try {
                client.secrets().inNamespace(namespace).resource(chunk(name, generation, i, part, labels)).create();
            } catch (KubernetesClientException e) {
                throw MissingNamespace.explain(e, namespace, String.valueOf(client.getMasterUrl()));
            }
        }
        return count;
    }

    /** Writes whatever is there (for history and journal records): creates, or replaces with retries. */
    void put(String name, byte[] bytes, Map<String, String> labels, Map<String, String> annotations) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Secret current = get(name);
            try {
                write(name, bytes, current == null ? null : current.getMetadata().getResourceVersion(), labels,
                        annotations);
                return;
            } catch (StateConflictException e) {
                // someone wrote the same name meanwhile: read again and overwrite
            }
        }
        throw new IllegalStateException("cannot write Secret " + namespace + "/" + name + ": it keeps changing");
    }

    /** Deletes a document: its head and every chunk. */
    void delete(String name) {
        client.secrets().inNamespace(namespace).withName(name).delete();
        client.secrets().inNamespace(namespace).withLabel(HEAD_LABEL, Labels.safe(name)).delete();
    }

    /** The heads carrying {@code labels}, as stored. */
    List<Secret> heads(Map<String, String> labels) {
        Map<String, String> selector = new LinkedHashMap<>(labels);
        selector.put(PART_LABEL, "head");
        return new ArrayList<>(client.secrets().inNamespace(namespace).withLabels(selector).list().getItems());
    }

    private void deleteChunks(String name, String generation) {
        if (generation != null) {
            client.secrets().inNamespace(namespace).withLabel(HEAD_LABEL, Labels.safe(name))
                    .withLabel(GENERATION, generation).delete();
        }
    }

    private Secret head(String name, byte[] bytes, int count, String generation, Map<String, String> labels,
            String expectedVersion) {
        SecretBuilder builder = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withResourceVersion(expectedVersion).withAnnotations(new LinkedHashMap<>()).addToLabels(labels).addToLabels(PART_LABEL, "head")
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGER).endMetadata().withType("Opaque");
        if (count == 0) {
            return builder.addToData(DATA, Base64.getEncoder().encodeToString(bytes)).build();
        }
        return builder.editMetadata().addToAnnotations(CHUNKS, Integer.toString(count))
                .addToAnnotations(GENERATION, generation).endMetadata().build();
    }

    private Secret chunk(String head, String generation, int index, byte[] part, Map<String, String> labels) {
        return new SecretBuilder().withNewMetadata().withName(chunkName(head, generation, index))
                .withNamespace(namespace).addToLabels(labels).addToLabels(PART_LABEL, "chunk")
                .addToLabels(HEAD_LABEL, Labels.safe(head)).addToLabels(GENERATION, generation)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGER).endMetadata().withType("Opaque")
                .addToData(DATA, Base64.getEncoder().encodeToString(part)).build();
    }

    static String chunkName(String head, String generation, int index) {
        return head + "-" + generation + "-" + index;
    }

    static String annotation(Secret secret, String key) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static byte[] decode(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        String value = data == null ? null : data.get(key);
        return value == null ? new byte[0] : Base64.getDecoder().decode(value);
    }
}
