package dev.converge.engine.state;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.api.ResourceOptions;
import dev.converge.api.Secret;
import dev.converge.api.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Shared values for the state tests. */
final class StateFixtures {

    static final String CANARY = "canary-Zq8v1Kx3-secret";
    static final Map<String, String> KEY = Map.of(SecretKeySource.PASSPHRASE_SETTING, "correct horse battery staple");
    static final Map<String, String> WRONG_KEY = Map.of(SecretKeySource.PASSPHRASE_SETTING, "wrong");
    static final LockPolicy FAST = new LockPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMinutes(2));

    private StateFixtures() {
    }

    static StateSession.Options options(Map<String, String> settings) {
        return new StateSession.Options("apply", Duration.ZERO, settings);
    }

    static ResourceState plain(String name) {
        return new ResourceState(Address.of("app", name), "local:File", "/tmp/" + name,
                Map.of("path", "/tmp/" + name, "mode", 420L), Map.of("path", "/tmp/" + name, "size", 12L),
                List.of(), ResourceOptions.defaults());
    }

    static ResourceState withSecret(String name) {
        ResourceOptions options = ResourceOptions.defaults().withProtect(true).withIgnoreChanges(List.of("tags"))
                .withReplaceOnChanges(List.of("image")).withReplacementOrder(ReplacementOrder.DELETE_BEFORE_CREATE)
                .withRetainOnDelete(true).withAliases(List.of("old/" + name))
                .withTimeouts(new Timeouts(Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofHours(1)))
                .withDependsOn(List.of(Address.of("net"))).withHoldsData(true).withImmutable(true);
        return new ResourceState(Address.of(name), "docker:Container", "c-" + name,
                Map.of("env", Map.of("PASSWORD", Secret.of(CANARY), "MODE", "prod"), "ratio", 0.25),
                Map.of("env", Map.of("PASSWORD", Secret.of(CANARY), "MODE", "prod"), "ip", "10.0.0.2",
                        "tags", List.of("a", "b")),
                List.of(Address.of("net")), options);
    }
}
