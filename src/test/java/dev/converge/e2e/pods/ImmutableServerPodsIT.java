package dev.converge.e2e.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.providers.k8s.Deployment;
import dev.converge.providers.k8s.KubernetesObject;
import dev.converge.providers.k8s.Manifest;
import dev.converge.providers.k8s.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An immutable server on pods with its data on a PersistentVolume (a {@code hostPath} volume on the node,
 * bound to its claim by name; both {@code holdsData()}): a change replaces the Deployment (a new object, the
 * old one deleted first since the name is reused), and the log its first pod wrote on the volume is still
 * there for the replacement's pod, which appends its own start.
 */
class ImmutableServerPodsIT extends PodsItSupport {

    private Program server(String version) {
        String volumeName = "pods-" + stack + "-data";
        Path hostDir = workDir.resolve("volume");
        return stack -> {
            var volume = stack.add(Manifest.of("data-volume", Map.of("apiVersion", "v1", "kind", "PersistentVolume",
                    "metadata", Map.of("name", volumeName),
                    "spec", Map.of("capacity", Map.of("storage", "64Mi"), "accessModes", List.of("ReadWriteOnce"),
                            "persistentVolumeReclaimPolicy", "Retain",
                            "hostPath", Map.of("path", hostDir.toString(), "type", "DirectoryOrCreate"),
                            "claimRef", Map.of("namespace", namespace, "name", "data"))))
                    .clusterScoped().holdsData());
            var claim = stack.add(Manifest.of("data-claim", Map.of("apiVersion", "v1", "kind", "PersistentVolumeClaim",
                    "metadata", Map.of("name", "data", "namespace", namespace),
                    "spec", Map.of("accessModes", List.of("ReadWriteOnce"), "storageClassName", "",
                            "volumeName", volumeName, "resources", Map.of("requests", Map.of("storage", "64Mi")))))
                    .holdsData().dependsOn(volume));
            var server = stack.add(Deployment.of("server").image("converge/busybox:1").replicas(1L).port(8080)
                    .env("VERSION", version)
                    .specField("Never", PodsService.container("imagePullPolicy"))
                    .specField(List.of("sh", "-c", PodsService.serve("echo started $VERSION >> /data/log", "/data")),
                            PodsService.container("command"))
                    .specField(List.of(Map.of("name", "data", "mountPath", "/data")), PodsService.container("volumeMounts"))
                    .specField(List.of(Map.of("name", "data", "persistentVolumeClaim", Map.of("claimName", "data"))),
                            "template", "spec", "volumes")
                    .specField(Map.of("httpGet", Map.of("path", "/log", "port", 8080L), "periodSeconds", 1L),
                            PodsService.container("readinessProbe"))
                    .specField(10L, "template", "spec", "terminationGracePeriodSeconds")
                    .immutable().dependsOn(claim));
            var service = stack.add(Service.of("server-service").selector("app", "server").port(80, 8080));
            stack.export("url", service.output(s -> "http://" + s.clusterIP() + "/log"));
            stack.export("uid", server.output(KubernetesObject::uid));
        };
    }

    @Test
    void aChangeReplacesTheServerAndItsDataStaysOnTheVolume() throws Exception {
        applied(server("v1"));
        String firstUid = output(server("v1"), "uid");
        String url = output(server("v1"), "url");
        assertThat(log(url)).isEqualTo("started v1\n");

        Run plan = run(server("v2"), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("server must be replaced").doesNotContain("data-claim must be replaced")
                .doesNotContain("data-volume must be replaced").doesNotContain("will be destroyed");
        applied(server("v2"));

        assertThat(output(server("v2"), "uid")).as("a new Deployment").isNotEqualTo(firstUid);
        assertThat(log(url)).isEqualTo("started v1\nstarted v2\n");
        assertThat(deployments()).containsOnlyKeys("server");
        assertNoChanges(server("v2"));
    }

    /** The log on the volume, through the Service (once its endpoint is programmed). */
    private static String log(String url) throws Exception {
        awaitAnswer(url);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
