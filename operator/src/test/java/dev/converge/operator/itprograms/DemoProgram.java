package dev.converge.operator.itprograms;

import dev.converge.api.Config;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.providers.k8s.ConfigMap;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.KubernetesObject;
import dev.converge.providers.k8s.Secret;
import dev.converge.providers.k8s.Service;
import java.util.Map;

/**
 * The program the operator's tests run as Stacks, from the image {@code converge/operator-programs:test}: a
 * ConfigMap per {@code demo.configMaps} (default 1) holding {@code demo.greeting} (required), a Secret with
 * {@code demo.token} when it is set (exported as a secret output), and with {@code demo.web=true} an nginx
 * Deployment and its Service, whose pod turns ready {@code demo.readyDelay} seconds after it starts (so that
 * an apply can be killed while it waits). Object names start with the stack's name.
 */
public final class DemoProgram implements Program {

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        String name = config.stack().toLowerCase(java.util.Locale.ROOT);
        String greeting = config.require("demo.greeting");
        Output<String> first = null;
        for (int i = 1; i <= config.getInt("demo.configMaps", 1); i++) {
            Ref<KubernetesObject> settings = stack.add(ConfigMap.of(name + "-settings-" + i).data("greeting", greeting));
            first = first == null ? settings.output(KubernetesObject::name) : first;
        }
        stack.export("greeting", Output.of(greeting));
        if (first != null) {
            stack.export("configMap", first);
        }
        config.get("demo.token").ifPresent(token -> {
            stack.add(Secret.of(name + "-token").data("token", token));
            stack.export("token", Output.secret(token));
        });
        if (config.getBoolean("demo.web", false)) {
            web(stack, name, config.getInt("demo.readyDelay", 0));
        }
    }

    private static void web(Stack stack, String name, int readyDelay) {
        String app = name + "-web";
        Deployment web = Deployment.of(app).image("converge/nginx:1").replicas(1L).port(80)
                .specField("IfNotPresent", "template", "spec", "containers", 0, "imagePullPolicy")
                // The API server omits a zero delay: declare one only when there is one (else it reads as drift).
                .specField(readyDelay > 0 ? Map.of("tcpSocket", Map.of("port", 80L), "initialDelaySeconds",
                        (long) readyDelay, "periodSeconds", 1L) : Map.of("tcpSocket", Map.of("port", 80L),
                        "periodSeconds", 1L), "template", "spec", "containers", 0, "readinessProbe")
                .specField(1L, "template", "spec", "terminationGracePeriodSeconds");
        stack.add(web);
        stack.add(Service.of(app).named(app + "-service").selector("app", app).port(80, 80));
    }
}
