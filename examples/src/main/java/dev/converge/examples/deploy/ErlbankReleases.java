package dev.converge.examples.deploy;

import dev.converge.api.Config;
import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Deployment;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.Shadow;
import dev.converge.api.Ref;
import dev.converge.engine.Converge;
import dev.converge.providers.docker.DockerContainer;
import dev.converge.providers.docker.DockerImage;
import dev.converge.providers.docker.DockerNetwork;
import dev.converge.providers.docker.DockerVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Erlbank's accounts service released with a deployment strategy on Docker, behind an nginx router.
 * Change {@code accounts.version} (or any setting of the container) and {@code apply}: the change goes
 * out through the strategy's verified steps; a version that fails its probe never gets traffic (blue/green,
 * shadow) or loses its share at once (canary).
 *
 * <p>Configuration ({@code converge.<stack>.properties} or {@code CONVERGE_...} variables):
 * <ul>
 *   <li>{@code accounts.strategy}: {@code bluegreen} (default), {@code canary} or {@code shadow};</li>
 *   <li>{@code accounts.version}: the image tag built from the Erlbank sources (default 1);</li>
 *   <li>{@code accounts.port}: host port of the router (default 0: Docker chooses);</li>
 *   <li>{@code erlbank.sources}: the Erlbank sources directory (default found below the working directory).</li>
 * </ul>
 * Run: {@code mvn -pl examples -am compile exec:java -Dexec.mainClass=dev.converge.examples.deploy.ErlbankReleases
 * -Dexec.args="apply --auto-approve"}.
 */
public final class ErlbankReleases implements Program {

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        String version = config.get("accounts.version", "1");
        String strategy = config.get("accounts.strategy", "bluegreen");
        Path sources = sources(config);
        var net = stack.add(DockerNetwork.of("net1"));
        var base = stack.add(DockerImage.of("busybox").image("converge/busybox:1"));
        var image = stack.add(DockerImage.of("accounts-image").image("erlbank/accounts:" + version)
                .context(sources.resolve("service")).buildArg("SERVICE", "accounts").dependsOn(base));
        DockerContainer accounts = DockerContainer.of("accounts").image(image)
                .env("NODE_NAME", "accounts")
                .env("SERVICE_VERSION", version)
                .env("LOG_LEVEL", config.get("log.level", "info"))
                .network(net)
                .init(true);
        HttpProbe probe = HttpProbe.get("/cgi-bin/info").requests(20).successRatio(1.0).within(Duration.ofSeconds(20));
        int port = config.getInt("accounts.port", 0);
        Ref<Deployment.Outputs> service = switch (strategy) {
            case "bluegreen" -> stack.add(BlueGreen.of("accounts-release").service(withData(stack, accounts))
                    .port(8080).publish(port).verify(probe));
            case "canary" -> stack.add(Canary.of("accounts-release").service(withData(stack, accounts))
                    .port(8080).publish(port).verify(probe).steps(10, 50, 100).stepPause(Duration.ofSeconds(10)));
            // A shadow answers real requests it must not act on: it gets no access to the stable data volume.
            case "shadow" -> stack.add(Shadow.of("accounts-release").service(accounts).port(8080).publish(port)
                    .verify(probe).observe(Duration.ofSeconds(30)).maxFailureRatio(0.01));
            default -> throw new IllegalArgumentException("accounts.strategy must be bluegreen, canary or shadow, not "
                    + strategy);
        };
        stack.export("accountsUrl", service.output(s -> s.endpoint() + "/cgi-bin/info"));
        stack.export("accountsLive", service.output(Deployment.Outputs::live));
    }

    private static DockerContainer withData(Stack stack, DockerContainer accounts) {
        var data = stack.add(DockerVolume.of("accounts-data").holdsData());
        return accounts.volume(data, "/data");
    }

    static Path sources(Config config) {
        var configured = config.get("erlbank.sources");
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath();
        }
        for (String candidate : List.of("src/main/erlbank", "examples/src/main/erlbank")) {
            Path path = Path.of(candidate).toAbsolutePath();
            if (Files.isDirectory(path.resolve("service"))) {
                return path;
            }
        }
        throw new IllegalStateException("cannot find the Erlbank sources in " + Path.of("").toAbsolutePath()
                + "; run from the repository root or set erlbank.sources");
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new ErlbankReleases()).run(args));
    }
}
