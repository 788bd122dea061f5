package dev.converge.providers.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mock API server with what a real cluster adds for the traffic router: the Deployment controller
 * ({@link FakeController}), ingress-nginx and the pods ({@link FakeIngress}), and the provider whose
 * routing calls are observed ({@link ObservedProvider}); the stack's settings point at the server.
 */
final class RouterCluster implements AutoCloseable {

    final MockApiServer api;
    final FakeIngress ingress;
    final ObservedProvider provider;
    private final FakeController controller;

    RouterCluster(Path workDir, String service) throws Exception {
        api = new MockApiServer();
        controller = new FakeController(api.newClient());
        ingress = new FakeIngress(api.newClient(), service);
        provider = new ObservedProvider(api.admin(), service);
        Files.writeString(workDir.resolve("converge.dev.properties"), "k8s.masterUrl=" + api.url()
                + "\nk8s.namespace=default\nk8s.pollMillis=20\n");
    }

    @Override
    public void close() throws Exception {
        ingress.close();
        controller.close();
        provider.close();
        api.close();
    }
}
