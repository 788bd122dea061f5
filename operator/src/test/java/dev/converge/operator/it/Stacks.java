package dev.converge.operator.it;

import dev.converge.operator.StackCrd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Stack resources of one test namespace: create, read status and conditions, wait, delete. */
final class Stacks {

    final OperatorCluster cluster;
    final KubernetesClient client;
    final String namespace;

    Stacks(OperatorCluster cluster, String namespace) {
        this.cluster = cluster;
        this.client = cluster.client;
        this.namespace = namespace;
    }

    /** A stack name no earlier run of the tests used (the cluster keeps objects between local runs). */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** The spec of a DemoProgram Stack, to adjust. */
    static Map<String, Object> demoSpec(Map<String, String> config) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("image", OperatorCluster.PROGRAMS_IMAGE);
        spec.put("imagePullPolicy", "Never");
        spec.put("program", Map.of("class", OperatorCluster.PROGRAM));
        spec.put("config", config);
        spec.put("interval", "30m");
        return spec;
    }

    GenericKubernetesResource create(String name, Map<String, Object> spec) {
        GenericKubernetesResource stack = new GenericKubernetesResourceBuilder().withApiVersion(StackCrd.API_VERSION)
                .withKind(StackCrd.KIND).withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
        return client.genericKubernetesResources(StackCrd.context()).inNamespace(namespace).resource(stack).create();
    }

    GenericKubernetesResource get(String name) {
        return client.genericKubernetesResources(StackCrd.context()).inNamespace(namespace).withName(name).get();
    }

    /** Changes the spec with a merge patch (the generation goes up). */
    void patchSpec(String name, Map<String, Object> changes) {
        client.genericKubernetesResources(StackCrd.context()).inNamespace(namespace).withName(name)
                .edit(stack -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) stack
                            .getAdditionalProperties().get("spec"));
                    spec.putAll(changes);
                    stack.setAdditionalProperty("spec", spec);
                    return stack;
                });
    }

    void annotate(String name, String key, String value) {
        client.genericKubernetesResources(StackCrd.context()).inNamespace(namespace).withName(name)
                .edit(stack -> {
                    stack.getMetadata().getAnnotations().put(key, value);
                    return stack;
                });
    }

    void delete(String name) {
        client.genericKubernetesResources(StackCrd.context()).inNamespace(namespace).withName(name).delete();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> status(String name) {
        GenericKubernetesResource stack = get(name);
        Object status = stack == null ? null : stack.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The condition of {@code type}, as a map (type, status, reason, message), if set. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> condition(String name, String type) {
        Object conditions = status(name).get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return Optional.empty();
        }
        return list.stream().map(c -> (Map<String, Object>) c).filter(c -> type.equals(c.get("type"))).findFirst();
    }

    boolean is(String name, String type, String status, String reason) {
        return condition(name, type).filter(c -> status.equals(c.get("status"))
                && (reason == null || reason.equals(c.get("reason")))).isPresent();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> lastRun(String name) {
        Object run = status(name).get("lastRun");
        return run instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    long number(String name, String field) {
        Object value = status(name).get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    void await(String name, String what, Duration timeout, Predicate<Stacks> condition) {
        Waits.until(what + " of stack " + namespace + "/" + name, timeout, () -> condition.test(this),
                () -> describe(name));
    }

    /** As {@link #await}, but fails at once when the stack's runs fail twice in a row. */
    void awaitSuccess(String name, String what, Duration timeout, Predicate<Stacks> condition) {
        await(name, what, timeout, s -> {
            if (s.number(name, "failures") >= 2) {
                org.assertj.core.api.Assertions.fail("stack " + namespace + "/" + name + " failed twice while waiting"
                        + " for " + what + "\n" + describe(name));
            }
            return condition.test(s);
        });
    }

    List<Job> jobs(String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withLabel(StackCrd.STACK_LABEL, name).list()
                .getItems();
    }

    /** The events about a Stack, as {@code reason: message} lines. */
    List<String> events(String name) {
        return client.v1().events().inNamespace(namespace).withField("involvedObject.name", name).list().getItems()
                .stream().filter(e -> StackCrd.KIND.equals(e.getInvolvedObject().getKind()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    String describe(String name) {
        return "status of " + namespace + "/" + name + ": " + status(name) + "\nevents: " + events(name)
                + "\nrunner logs:\n" + runnerLogs(name) + "operator logs:\n" + cluster.operatorLogs();
    }

    /** The last lines of each of the stack's runner pods, for a failure message: what a run was doing. */
    private String runnerLogs(String name) {
        StringBuilder out = new StringBuilder();
        try {
            for (var pod : client.pods().inNamespace(namespace).withLabel(StackCrd.STACK_LABEL, name).list()
                    .getItems()) {
                out.append("--- ").append(pod.getMetadata().getName()).append('\n');
                String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                        .tailingLines(40).getLog();
                log.lines().forEach(line -> out.append(line).append('\n'));
            }
        } catch (RuntimeException e) {
            out.append("(no runner log: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }
}
