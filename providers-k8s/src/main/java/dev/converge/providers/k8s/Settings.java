package dev.converge.providers.k8s;

import dev.converge.spi.ConfigureRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The provider's settings for one run, from the stack configuration.
 *
 * @param stack the stack name, used in ownership labels and refresh selectors
 * @param namespace where namespaced objects go when they name none ({@code k8s.namespace})
 * @param serverSideApply write with server-side apply instead of optimistic updates
 *     ({@code k8s.serverSideApply})
 * @param forceConflicts with server-side apply, take over fields another manager owns instead of
 *     failing with the conflict ({@code k8s.forceConflicts})
 * @param owners which field managers' writes are drift ({@code k8s.driftManagers}) and which are respected
 * @param pollInterval how often readiness and deletion are polled ({@code k8s.pollMillis})
 */
record Settings(String stack, String namespace, boolean serverSideApply, boolean forceConflicts, FieldOwners owners,
        Duration pollInterval) {

    static final String FIELD_MANAGER = Labels.MANAGER;

    static Settings from(ConfigureRequest request, String clientNamespace) {
        String namespace = request.setting("k8s.namespace").orElse(clientNamespace == null ? "default" : clientNamespace);
        boolean ssa = request.setting("k8s.serverSideApply").map(Boolean::parseBoolean).orElse(false);
        boolean force = request.setting("k8s.forceConflicts").map(Boolean::parseBoolean).orElse(false);
        List<String> drift = request.setting("k8s.driftManagers").map(Settings::names)
                .orElse(FieldOwners.DEFAULT.outOfBand());
        long poll = request.setting("k8s.pollMillis").map(Long::parseLong).orElse(500L);
        return new Settings(request.stack(), namespace, ssa, force, new FieldOwners(FIELD_MANAGER, drift),
                Duration.ofMillis(poll));
    }

    private static List<String> names(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }
}
