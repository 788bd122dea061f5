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
import java.util.List;

/**
 * Erlbank on Kubernetes: the accounts, transfers and statements services as Deployments with a
 * Service each, their shared settings in a ConfigMap and one Ingress routing {@code /accounts},
 * {@code /transfers} and {@code /statements}, all in one namespace.
 *
 * <p>Configuration (per stack): {@code erlbank.namespace} (default {@code erlbank}),
 * {@code erlbank.version} (image tag, default {@code 1.0.0}), {@code erlbank.host} (Ingress host,
 * default {@code erlbank.local}), {@code log.level}, and {@code <service>.replicas}. Connection
 * settings are the provider's: {@code k8s.context}, {@code k8s.namespace}, {@code k8s.masterUrl}.
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
        for (String name : SERVICES) {
            deployments.add(Deployment.of(name).namespace(inNamespace)
                    .image("erlbank/" + name + ":" + config.get("erlbank.version", "1.0.0"))
                    .replicas((long) config.getInt(name + ".replicas", 1))
                    .port(8080)
                    .env("NODE_NAME", name)
                    .envFromConfigMap(settings.output(KubernetesObject::name))
                    .label("app.kubernetes.io/part-of", "erlbank"));
            Ref<KubernetesObject> service = services.add(Service.of(name).namespace(inNamespace)
                    .selector("app", name).port(80, 8080));
            ingress = ingress.route(host, "/" + name, service.output(KubernetesObject::name), 80);
        }
        stack.add(ingress);
        stack.export("url", "http://" + host + "/accounts");
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new ErlbankK8s()).run(args));
    }
}
