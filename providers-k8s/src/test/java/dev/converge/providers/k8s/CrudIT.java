package dev.converge.providers.k8s;

import static dev.converge.providers.k8s.Fixtures.inputs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.testing.RequiredServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Create, read, update, delete and import of every typed kind and of a custom resource through the SPI
 * against the real API server (which validates, defaults, bumps generations and runs the garbage
 * collector, unlike the mock in {@code ProviderCrudTest} and {@code ManifestTest}).
 */
class CrudIT {

    /** Skips the class without a cluster, or fails it under CONVERGE_REQUIRE_SERVERS=1, before it connects. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static RealApiServer server;
    private static KubernetesProvider provider;

    @BeforeAll
    static void start() {
        server = new RealApiServer();
        provider = server.provider("crud", Map.of());
    }

    @AfterAll
    static void stop() {
        provider.close();
        server.close();
    }

    /** Each typed kind with a first and a changed declaration (workloads with zero replicas: no node needed). */
    static Stream<Arguments> kinds() {
        String suffix = "-" + Long.toHexString(System.nanoTime());
        return Stream.of(
                kind(Namespace.of("crud" + suffix).label("v", "1"), Namespace.of("crud" + suffix).label("v", "2")),
                kind(ConfigMap.of("cm").data("A", "1"), ConfigMap.of("cm").data("A", "2").data("B", "3")),
                kind(Secret.of("secret").data("password", "one"), Secret.of("secret").data("password", "two")),
                kind(deployment("converge/busybox:1"), deployment("converge/busybox:2")),
                kind(StatefulSet.of("set").image("converge/busybox:1").replicas(0L),
                        StatefulSet.of("set").image("converge/busybox:2").replicas(0L)),
                kind(Service.of("svc").selector("app", "web").port(80, 8080),
                        Service.of("svc").selector("app", "web").port(81, 8081)),
                kind(Ingress.of("ing").route("a.local", "/", "svc", 80),
                        Ingress.of("ing").route("a.local", "/v2", "svc", 80)),
                kind(ServiceAccount.of("sa"), ServiceAccount.of("sa").annotation("team", "payments")),
                kind(Role.of("role").rule(List.of(""), List.of("pods"), List.of("get")),
                        Role.of("role").rule(List.of(""), List.of("pods"), List.of("get", "list"))),
                kind(RoleBinding.of("rb").role("role").serviceAccount("sa", server.namespace()),
                        RoleBinding.of("rb").role("role").serviceAccount("other", server.namespace())),
                kind(HorizontalPodAutoscaler.of("hpa").scales("web").replicas(1, 3).cpuUtilization(80),
                        HorizontalPodAutoscaler.of("hpa").scales("web").replicas(1, 5).cpuUtilization(60)));
    }

    /** The two declarations of a kind, shown in the report under the kind's type. */
    private static Arguments kind(KubernetesArgs<?> v1, KubernetesArgs<?> v2) {
        return Arguments.of(Named.of(v1.declaration().type(), v1), v2);
    }

    static Deployment deployment(String image) {
        return Deployment.of("web").image(image).replicas(0L).port(8080).env("MODE", "fast");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyTypedKindIsCreatedReadUpdatedAndDeleted(KubernetesArgs<?> v1, KubernetesArgs<?> v2) {
        Address address = Address.parse("crud/" + v1.name());
        String type = v1.declaration().type();
        CreateResponse created = provider.create(create(address, v1));
        assertThat(created.outputs()).containsKey("uid");
        assertThat(diffAfterRead(address, created.id(), v1, v1)).as("no diff right after create").isEmpty();

        provider.update(update(address, created.id(), v1, v2));
        assertThat(diffAfterRead(address, created.id(), v2, v2)).as("the update took").isEmpty();
        assertThat(diffAfterRead(address, created.id(), v2, v1)).isNotEmpty();

        DeleteRequest delete = new DeleteRequest(address, type, created.id(), Map.of(), Map.of(), TIMEOUT);
        assertThat(provider.delete(delete).alreadyGone()).isFalse();
        assertThat(provider.read(read(address, created.id(), v2)).exists()).isFalse();
        assertThat(provider.delete(delete).alreadyGone()).isTrue();
    }

    @Test
    void aServiceGetsAClusterIpFromTheServiceRangeAsOutput() {
        CreateResponse created = provider.create(create(Address.parse("crud/ip"),
                Service.of("with-ip").selector("app", "x").port(80, 80)));
        assertThat(String.valueOf(created.outputs().get("clusterIP"))).startsWith("10.96.");
    }

    @Test
    void aCustomResourceIsManagedAfterItsCrdIsEstablished() {
        EveryKind kinds = new EveryKind(server.namespace().substring(3), "unused");
        Address crdAddress = Address.parse("crud/crd");
        CreateResponse crd = provider.create(create(crdAddress, Manifest.of("crd", kinds.crd())));
        assertThat(crd.outputs().get("status").toString()).contains("Established");

        Address address = Address.parse("crud/widget");
        Manifest v1 = widget(kinds, 3);
        // Created right after the CRD: it would be a 404 had the CRD create not waited for Established.
        CreateResponse created = provider.create(create(address, v1));
        assertThat(created.id()).isEqualTo("Widget." + kinds.group() + "/v1:" + server.namespace() + "/w1");
        assertThat(diffAfterRead(address, created.id(), v1, v1)).isEmpty();
        provider.update(update(address, created.id(), v1, widget(kinds, 5)));
        assertThat((Object) server.admin().genericKubernetesResources(kinds.group() + "/v1", "Widget")
                .inNamespace(server.namespace()).withName("w1").get().get("spec", "size")).isEqualTo(5);
        provider.delete(new DeleteRequest(address, "k8s:Manifest", created.id(), Map.of(), Map.of(), TIMEOUT));
        provider.delete(new DeleteRequest(crdAddress, "k8s:Manifest", crd.id(), Map.of(), Map.of(), TIMEOUT));
        assertThat(server.admin().apiextensions().v1().customResourceDefinitions().withName("widgets." + kinds.group())
                .get()).isNull();
    }

    private static Manifest widget(EveryKind kinds, long size) {
        return Manifest.of("widget", Map.of("apiVersion", kinds.group() + "/v1", "kind", "Widget",
                "metadata", Map.of("name", "w1"), "spec", Map.of("size", size)));
    }

    /**
     * Deleting a Deployment returns only once the garbage collector in kube-controller-manager has removed
     * its ReplicaSet: a replacement or a namespace deletion right after never races leftovers.
     */
    @Test
    void deletingADeploymentWaitsForTheGarbageCollectorToRemoveItsReplicaSets() throws Exception {
        Address address = Address.parse("crud/gc");
        CreateResponse created = provider.create(create(address, Deployment.of("gc").image("converge/busybox:1")
                .replicas(0L)));
        String uid = String.valueOf(created.outputs().get("uid"));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (replicaSetsOf(uid).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(replicaSetsOf(uid)).as("the Deployment controller made a ReplicaSet").hasSize(1);
        provider.delete(new DeleteRequest(address, "k8s:Deployment", created.id(), Map.of(), Map.of(), TIMEOUT));
        assertThat(replicaSetsOf(uid)).as("ReplicaSets left when delete returned").isEmpty();
    }

    private static List<ReplicaSet> replicaSetsOf(String deploymentUid) {
        return server.admin().apps().replicaSets().inNamespace(server.namespace()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> owner.getUid().equals(deploymentUid)))
                .toList();
    }

    @Test
    void importAdoptsAnObjectByNamespaceAndNameAndTheNextReadShowsNoDiff() {
        server.kubectl("create", "configmap", "legacy", "--from-literal=MODE=batch");
        Address address = Address.parse("crud/imported");
        ImportResponse imported = provider.importResource(new ImportRequest(address, "k8s:ConfigMap",
                server.namespace() + "/legacy", new Ownership("crud", address)));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.inputs()).containsEntry("name", "legacy").containsEntry("namespace", server.namespace())
                .containsEntry("data", Map.of("MODE", "batch"));
        var live = server.admin().configMaps().inNamespace(server.namespace()).withName("legacy").get();
        assertThat(live.getMetadata().getLabels()).containsEntry("converge.stack", "crud");
        ReadResponse read = provider.read(new ReadRequest(address, "k8s:ConfigMap", imported.id(), imported.inputs(),
                imported.outputs()));
        assertThat(provider.diff(new DiffRequest(address, "k8s:ConfigMap", imported.id(), read.inputs(),
                read.outputs(), imported.inputs())).diffs()).isEmpty();
    }

    /**
     * Crash recovery finds what a killed run made by the stack's labels, and reads back exactly the declared
     * fields (from the declared-shape annotation), not the ones the server filled in: the adopted inputs
     * equal what was declared, so the plan after recovery is empty.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("owned")
    void findOwnedReadsBackExactlyTheDeclaredFields(KubernetesArgs<?> declared) {
        Address address = Address.parse("owned/" + declared.name());
        CreateResponse created = provider.create(create(address, declared));
        var owned = provider.findOwned(new dev.converge.spi.FindOwnedRequest("crud",
                java.util.Set.of(declared.declaration().type())));
        Map<String, Object> expected = new java.util.LinkedHashMap<>(inputs(declared));
        expected.put("namespace", server.namespace());
        assertThat(owned.objects()).filteredOn(o -> o.address().equals(address)).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(created.id());
            assertThat(o.inputs()).isEqualTo(expected);
        });
    }

    static Stream<Arguments> owned() {
        return Stream.of(Arguments.of(Named.of("k8s:Service", Service.of("owned-svc").selector("app", "x").port(80, 8080))),
                Arguments.of(Named.of("k8s:Deployment", deployment("converge/busybox:1").objectName("owned")
                        .label("tier", "web"))),
                Arguments.of(Named.of("k8s:Secret", Secret.of("owned-secret").data("password", "s3cr3t"))));
    }

    /**
     * An imported Service someone else made: its inputs carry every field the server defaulted, so the first
     * update to the program removes them from the object; the server defaults them again and keeps the
     * allocated cluster IP, and the next plan is clean.
     */
    @Test
    void anImportedServiceUpdatedToTheProgramKeepsItsClusterIp() {
        server.kubectl("create", "service", "clusterip", "legacy-svc", "--tcp=80:8080");
        String ip = server.admin().services().inNamespace(server.namespace()).withName("legacy-svc").get().getSpec()
                .getClusterIP();
        Address address = Address.parse("crud/imported-svc");
        ImportResponse imported = provider.importResource(new ImportRequest(address, "k8s:Service",
                server.namespace() + "/legacy-svc", new Ownership("crud", address)));
        assertThat(imported.inputs().toString()).contains("clusterIP", "sessionAffinity");
        Service program = Service.of("legacy-svc").selector("app", "legacy-svc").port(80, 8080);
        var diffs = provider.diff(new DiffRequest(address, "k8s:Service", imported.id(), imported.inputs(),
                imported.outputs(), inputs(program))).diffs();
        provider.update(new UpdateRequest(address, "k8s:Service", imported.id(), imported.inputs(), imported.outputs(),
                inputs(program), diffs, TIMEOUT));
        assertThat(server.admin().services().inNamespace(server.namespace()).withName("legacy-svc").get().getSpec()
                .getClusterIP()).isEqualTo(ip);
        assertThat(diffAfterRead(address, imported.id(), program, program)).isEmpty();
    }

    /** Another writer bumps the resourceVersion between Converge's read and its write: 409, re-read, retry. */
    @Test
    void anUpdateThatLosesARaceToAnotherWriterRetriesAndKeepsTheOtherWrite() {
        Address address = Address.parse("crud/race");
        ConfigMap v1 = ConfigMap.of("race").data("A", "1");
        CreateResponse created = provider.create(create(address, v1));
        AtomicInteger attempts = new AtomicInteger();
        provider.cluster().hook(ref -> {
            if (attempts.incrementAndGet() == 1) {
                server.admin().configMaps().inNamespace(server.namespace()).withName("race")
                        .edit(cm -> new ConfigMapBuilder(cm).addToData("OTHER", "theirs").build());
            }
        });
        try {
            provider.update(update(address, created.id(), v1, ConfigMap.of("race").data("A", "2")));
        } finally {
            provider.cluster().hook(ref -> { });
        }
        assertThat(attempts).as("the first write got a 409 and was retried").hasValue(2);
        assertThat(server.admin().configMaps().inNamespace(server.namespace()).withName("race").get().getData())
                .containsEntry("A", "2").containsEntry("OTHER", "theirs");
    }

    private static CreateRequest create(Address address, KubernetesArgs<?> args) {
        return Fixtures.create("crud", address, args, TIMEOUT);
    }

    private static ReadRequest read(Address address, String id, KubernetesArgs<?> prior) {
        return new ReadRequest(address, prior.declaration().type(), id, inputs(prior), Map.of());
    }

    private static List<?> diffAfterRead(Address address, String id, KubernetesArgs<?> prior, KubernetesArgs<?> desired) {
        ReadResponse read = provider.read(read(address, id, prior));
        assertThat(read.exists()).isTrue();
        return provider.diff(new DiffRequest(address, desired.declaration().type(), id, read.inputs(), read.outputs(),
                inputs(desired))).diffs();
    }

    private static UpdateRequest update(Address address, String id, KubernetesArgs<?> prior, KubernetesArgs<?> desired) {
        UpdateRequest engineLike = Fixtures.update(provider, address, id, prior, desired);
        return new UpdateRequest(address, engineLike.type(), id, engineLike.priorInputs(), engineLike.priorOutputs(),
                engineLike.desiredInputs(), engineLike.diffs(), TIMEOUT);
    }
}
