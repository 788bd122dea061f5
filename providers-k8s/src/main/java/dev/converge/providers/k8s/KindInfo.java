package dev.converge.providers.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one Kubernetes kind lives in the API: group/version, kind, plural and scope. Immutable and
 * pure, so that schema and diff code never needs API discovery.
 *
 * @param apiVersion such as {@code apps/v1} or {@code v1}
 * @param kind such as {@code Deployment}
 * @param plural the URL path segment, such as {@code deployments}
 * @param namespaced whether objects live in a namespace
 */
record KindInfo(String apiVersion, String kind, String plural, boolean namespaced) {

    KindInfo {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
    }

    /** A kind with no entry in the built-in table: plural guessed the way kubectl does for most kinds. */
    static KindInfo guess(String apiVersion, String kind, boolean namespaced) {
        return new KindInfo(apiVersion, kind, pluralOf(kind), namespaced);
    }

    String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    String version() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group()).withVersion(version()).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    /** Grouping key for list calls: one list per kind and namespace. */
    String key() {
        return kind + "." + apiVersion;
    }

    static String pluralOf(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return lower + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower + "s";
    }
}
