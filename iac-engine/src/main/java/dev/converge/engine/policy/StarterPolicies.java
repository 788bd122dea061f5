package dev.converge.engine.policy;

import dev.converge.api.Secret;
import dev.converge.api.Unknown;
import dev.converge.engine.policy.Policy.Enforcement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A starter pack of policies over the resource types of the bundled providers. Each is mandatory;
 * use {@link Policy#as} to make one advisory. They know the providers' type and property names
 * ({@code docker:Container} {@code image}/{@code memory}/{@code env}, Kubernetes workloads' pod
 * template, {@code aws:S3Bucket} {@code blockPublicAccess}) but import no provider.
 */
public final class StarterPolicies {

    static final Set<String> POD_OWNERS = Set.of("k8s:Deployment", "k8s:StatefulSet", "k8s:DaemonSet", "k8s:Job",
            "k8s:Pod", "k8s:CronJob");
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    private StarterPolicies() {
    }

    /** Every starter policy. */
    public static List<Policy> all() {
        return List.of(noPublicBuckets(), memoryLimits(), pinnedImages(), protectData(), noPlainSecretsInEnv());
    }

    /** S3 buckets must block public access ({@code blockPublicAccess(true)}). */
    public static Policy noPublicBuckets() {
        return Policy.mandatory("no-public-buckets",
                "the bucket does not block public access; add .blockPublicAccess(true)",
                r -> r.type().equals("aws:S3Bucket") && !Boolean.TRUE.equals(r.properties().get("blockPublicAccess")));
    }

    /** Containers and pods have memory limits. */
    public static Policy memoryLimits() {
        return Policy.perResource("memory-limits", Enforcement.MANDATORY, r -> !missingMemory(r).isEmpty(),
                r -> "container(s) " + missingMemory(r) + " have no memory limit; set .memory(...) on a Docker "
                        + "container or resources.limits.memory on a Kubernetes container");
    }

    /** Images are pinned to a tag or digest other than {@code latest}. */
    public static Policy pinnedImages() {
        return Policy.perResource("images-pinned", Enforcement.MANDATORY, r -> !unpinned(r).isEmpty(),
                r -> "image(s) " + unpinned(r) + " are not pinned; use a version tag such as :1.4.2 or a digest "
                        + "@sha256:..., never :latest or no tag");
    }

    /** Resources declared with {@code holdsData()} are also protected ({@code protect()}). */
    public static Policy protectData() {
        return Policy.mandatory("data-protected",
                "the resource holds data but is not protected; add .protect() so no apply can delete it",
                r -> r.options().holdsData() && !r.options().protect());
    }

    /**
     * Environment variables whose names look secret (PASSWORD, SECRET, TOKEN, API_KEY...) hold
     * {@link Secret} values or references, never plain text. A heuristic on names: a plain value is
     * a string the program wrote itself.
     */
    public static Policy noPlainSecretsInEnv() {
        return Policy.perResource("no-plain-secrets-in-env", Enforcement.MANDATORY, r -> !plainSecrets(r).isEmpty(),
                r -> "environment variable(s) " + plainSecrets(r) + " hold plain text; pass a Secret "
                        + "(config.secret(...)) or, on Kubernetes, a secretKeyRef");
    }

    static List<String> missingMemory(PlannedResource r) {
        List<String> missing = new ArrayList<>();
        if (r.type().equals("docker:Container")) {
            if (!(r.properties().get("memory") instanceof Number n && n.longValue() > 0)
                    && !(r.properties().get("memory") instanceof Unknown)) {
                missing.add(r.address().name());
            }
        }
        for (Map<?, ?> container : PodContainers.of(r)) {
            Object memory = PodContainers.path(container, "resources", "limits", "memory");
            if (memory == null || memory.toString().isBlank()) {
                missing.add(String.valueOf(container.get("name")));
            }
        }
        return missing;
    }

    static List<String> unpinned(PlannedResource r) {
        List<Object> images = new ArrayList<>();
        if (r.type().equals("docker:Container")) {
            images.add(r.properties().get("image"));
        }
        PodContainers.of(r).forEach(c -> images.add(c.get("image")));
        return images.stream().filter(image -> image instanceof String).map(String.class::cast)
                .filter(image -> !isPinned(image)).toList();
    }

    /**
     * True for {@code name:tag} with a tag other than {@code latest}, for a digest, and for an image
     * id ({@code sha256:...}) such as a container referencing a built image.
     */
    static boolean isPinned(String image) {
        if (image.contains("@sha256:") || image.startsWith("sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isEmpty() && !tag.equals("latest");
    }

    static List<String> plainSecrets(PlannedResource r) {
        List<String> names = new ArrayList<>();
        if (r.type().equals("docker:Container") && r.properties().get("env") instanceof Map<?, ?> env) {
            env.forEach((name, value) -> {
                if (looksSecret(name) && value instanceof String) {
                    names.add(name.toString());
                }
            });
        }
        for (Map<?, ?> container : PodContainers.of(r)) {
            if (container.get("env") instanceof List<?> env) {
                for (Object entry : env) {
                    if (entry instanceof Map<?, ?> variable && looksSecret(variable.get("name"))
                            && variable.get("value") instanceof String) {
                        names.add(variable.get("name").toString());
                    }
                }
            }
        }
        return names;
    }

    static boolean looksSecret(Object name) {
        return name != null && SECRET_NAME.matcher(name.toString().toUpperCase(Locale.ROOT)).matches();
    }
}
