package dev.converge.examples.erlbank.k8s;

import dev.converge.api.Config;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.providers.k8s.ConfigMap;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.Ingress;
import dev.converge.providers.k8s.KubernetesObject;
import dev.converge.providers.k8s.Namespace;
import dev.converge.providers.k8s.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Erlbank on Kubernetes: the accounts, transfers and statements services as Deployments with a
 * Service each, their shared settings in a ConfigMap, the nginx front end routing {@code /accounts},
 * {@code /transfers} and {@code /statements} to them ({@link ErlbankFrontend}), and one Ingress routing
 * the same paths, all in one namespace. Every pod is Ready only when it answers: the services' readiness
 * probe is {@code /cgi-bin/info} (500 for a configuration they cannot run with), the front end's {@code /health}.
 *
 * <p>Configuration (per stack): {@code erlbank.namespace} (default {@code erlbank}),
 * {@code erlbank.version} (image tag of every Erlbank image, default {@code 1.0.0}), {@code erlbank.host}
 * (Ingress host, default {@code erlbank.local}), {@code erlbank.imagePullPolicy} ({@code Never} or
 * {@code IfNotPresent} for images imported into the nodes without a registry; unset: the cluster's default),
 * {@code log.level}, {@code <service>.replicas} and {@code frontend.replicas}. Connection settings are the
 * provider's: {@code k8s.context}, {@code k8s.namespace}, {@code k8s.masterUrl}. The images are built from
 * {@code examples/src/main/erlbank} (see docs/kubernetes.md).
 *
 * <pre>mvn -pl examples -am compile exec:java -Dexec.mainClass=dev.converge.examples.erlbank.k8s.ErlbankK8s \
 *     -Dexec.args="apply --stack dev"</pre>
 */
public final class ErlbankK8s implements Program {

    /** The Erlbank services, each a Deployment and a Service of the same name. */
    public static final List<String> SERVICES = List.of("accounts", "transfers", "statements");

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        String host = config.get("erlbank.host", "erlbank.local");
        Ref<KubernetesObject> namespace = stack.add(Namespace.of(config.get("erlbank.namespace", "erlbank"))
                .label("app.kubernetes.io/part-of", "erlbank"));
        // Reading the namespace's output makes it a dependency: it is created first, deleted last.
        Output<String> inNamespace = namespace.output(KubernetesObject::name);
        Ref<KubernetesObject> settings = stack.add(ConfigMap.of("erlbank-settings").namespace(inNamespace)
                .data("LOG_LEVEL", config.get("log.level", "info"))
                .data("ACCOUNTS_URL", "http://accounts")
                .data("TRANSFERS_URL", "http://transfers"));
        Scope deployments = stack.component("deployments");
        Scope services = stack.component("services");
        Ingress ingress = Ingress.of("erlbank-web").namespace(inNamespace);
        List<Ref<KubernetesObject>> serviceRefs = new ArrayList<>();
        for (String name : SERVICES) {
            deployments.add(service(config, name, inNamespace, settings));
            Ref<KubernetesObject> service = services.add(Service.of(name).namespace(inNamespace)
                    .selector("app", name).port(80, 8080));
            serviceRefs.add(service);
            ingress = ingress.route(host, "/" + name, service.output(KubernetesObject::name), 80);
        }
        stack.add(ingress);
        Ref<KubernetesObject> frontend = ErlbankFrontend.declare(stack, deployments, services, inNamespace, serviceRefs);
        stack.export("url", "http://" + host + "/accounts");
        stack.export("frontendUrl", frontend.output(service -> "http://" + service.clusterIP() + "/"));
    }

    private static Deployment service(Config config, String name, Output<String> namespace,
            Ref<KubernetesObject> settings) {
        return pullPolicy(config, Deployment.of(name).namespace(namespace)
                .image("erlbank/" + name + ":" + config.get("erlbank.version", "1.0.0"))
                .replicas((long) config.getInt(name + ".replicas", 1))
                .port(8080)
                .env("NODE_NAME", name)
                .envFromConfigMap(settings.output(KubernetesObject::name))
                .label("app.kubernetes.io/part-of", "erlbank"))
                .specField(probe("/cgi-bin/info", 8080), container("readinessProbe"));
    }

    /** {@code erlbank.imagePullPolicy} on the main container, when given. */
    static Deployment pullPolicy(Config config, Deployment deployment) {
        return config.get("erlbank.imagePullPolicy")
                .map(policy -> deployment.specField(policy, container("imagePullPolicy")))
                .orElse(deployment);
    }

    /** An HTTP probe every second: a pod is taken out of its Service within about a second. */
    static Map<String, Object> probe(String path, long port) {
        return Map.of("httpGet", Map.of("path", path, "port", port), "periodSeconds", 1L);
    }

    /** The path of a field of the main container in a Deployment's spec. */
    static Object[] container(String field) {
        return new Object[] {"template", "spec", "containers", 0, field};
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new ErlbankK8s()).run(args));
    }
}
