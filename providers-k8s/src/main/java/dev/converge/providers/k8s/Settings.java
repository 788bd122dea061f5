package dev.converge.providers.k8s;

import dev.converge.spi.ConfigureRequest;
import java.time.Duration;

/**
 * The provider's settings for one run, from the stack configuration.
 *
 * @param stack the stack name, used in ownership labels and refresh selectors
 * @param namespace where namespaced objects go when they name none ({@code k8s.namespace})
 * @param serverSideApply write with server-side apply instead of optimistic updates
 *     ({@code k8s.serverSideApply})
 * @param pollInterval how often readiness and deletion are polled ({@code k8s.pollMillis})
 */
record Settings(String stack, String namespace, boolean serverSideApply, Duration pollInterval) {

    static final String FIELD_MANAGER = Labels.MANAGER;

    static Settings from(ConfigureRequest request, String clientNamespace) {
        String namespace = request.setting("k8s.namespace").orElse(clientNamespace == null ? "default" : clientNamespace);
        boolean ssa = request.setting("k8s.serverSideApply").map(Boolean::parseBoolean).orElse(false);
        long poll = request.setting("k8s.pollMillis").map(Long::parseLong).orElse(500L);
        return new Settings(request.stack(), namespace, ssa, Duration.ofMillis(poll));
    }
}
