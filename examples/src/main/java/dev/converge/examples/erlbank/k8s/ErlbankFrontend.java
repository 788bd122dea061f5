package dev.converge.examples.erlbank.k8s;

import dev.converge.api.Config;
import dev.converge.api.Output;
import dev.converge.api.Ref;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import dev.converge.providers.k8s.ConfigMap;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.KubernetesObject;
import dev.converge.providers.k8s.Service;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Erlbank's nginx front end on Kubernetes: the image {@code erlbank/frontend} built from
 * {@code examples/src/main/erlbank/frontend}, with its configuration from a ConfigMap instead of the
 * image's (which uses Docker's embedded DNS). On Kubernetes the services' names resolve once, when nginx
 * starts, through the cluster DNS and the pod's search path: a Service's ClusterIP stays while the Service
 * exists, so no per-request lookups are needed, and the Deployment waits for the Services (dependsOn).
 * A changed configuration changes the pods' {@code erlbank/config-hash} annotation, which rolls them.
 */
final class ErlbankFrontend {

    private ErlbankFrontend() {
    }

    /** The ConfigMap, Deployment and Service {@code frontend}; returns the Service. */
    static Ref<KubernetesObject> declare(Stack stack, Scope deployments, Scope services, Output<String> namespace,
            List<Ref<KubernetesObject>> backends) {
        Config config = stack.config();
        String conf = nginxConf();
        Ref<KubernetesObject> settings = stack.add(ConfigMap.of("erlbank-frontend").namespace(namespace)
                .data("nginx.conf", conf));
        Deployment frontend = ErlbankK8s.pullPolicy(config, Deployment.of("frontend").namespace(namespace)
                .image("erlbank/frontend:" + config.get("erlbank.version", "1.0.0"))
                .replicas((long) config.getInt("frontend.replicas", 1))
                .port(80)
                .label("app.kubernetes.io/part-of", "erlbank"))
                .specField(ErlbankK8s.probe("/health", 80), ErlbankK8s.container("readinessProbe"))
                .specField(List.of(Map.of("name", "config", "mountPath", "/etc/nginx/nginx.conf", "subPath", "nginx.conf",
                        "readOnly", true)), ErlbankK8s.container("volumeMounts"))
                .specField(List.of(Map.of("name", "config", "configMap", Map.of("name",
                        settings.output(KubernetesObject::name)))), "template", "spec", "volumes")
                .specField(hash(conf), "template", "metadata", "annotations", "erlbank/config-hash")
                .dependsOn(backends.toArray(Ref<?>[]::new));
        deployments.add(frontend);
        return services.add(Service.of("frontend").namespace(namespace).selector("app", "frontend").port(80, 80));
    }

    /** The front end's nginx.conf: one {@code location} per service, proxied to its Service by name. */
    static String nginxConf() {
        StringBuilder locations = new StringBuilder();
        for (String service : ErlbankK8s.SERVICES) {
            locations.append("        location = /").append(service).append(" {\n")
                    .append("            proxy_pass http://").append(service).append("/cgi-bin/info;\n")
                    .append("        }\n");
        }
        return """
                user www-data;
                worker_processes 1;
                pid /run/nginx.pid;
                error_log /dev/stderr warn;
                events { worker_connections 256; }

                http {
                    include /etc/nginx/mime.types;
                    access_log /dev/stdout;

                    server {
                        listen 80 default_server;

                        location = /health {
                            default_type text/plain;
                            return 200 "ok\\n";
                        }
                %s        location / {
                            default_type text/plain;
                            return 200 "Erlbank: try /accounts, /transfers or /statements\\n";
                        }
                    }
                }
                """.formatted(locations);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
