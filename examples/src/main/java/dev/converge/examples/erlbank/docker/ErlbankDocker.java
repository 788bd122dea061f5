package dev.converge.examples.erlbank.docker;

import dev.converge.api.Config;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.providers.docker.DockerContainer;
import dev.converge.providers.docker.DockerImage;
import dev.converge.providers.docker.DockerNetwork;
import dev.converge.providers.docker.DockerVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Erlbank local environment of the lecture notes' docker compose practice, in typed Java: the
 * accounts, transfers and statements services, an nginx front end routing {@code /accounts},
 * {@code /transfers} and {@code /statements} to them, one network ({@code net1}) and a shared
 * data/log volume. Services are configured by environment variables as in the notes
 * ({@code NODE_NAME}, {@code ACCOUNTS_HOST}, {@code TRANSFERS_HOST}, {@code LOG_LEVEL}) and find
 * each other by their names on the network.
 *
 * <p>Configuration (stack config file or {@code CONVERGE_...} environment variables):
 * <ul>
 *   <li>{@code log.level} (default {@code info}), per service {@code accounts.log.level} etc.;</li>
 *   <li>{@code frontend.port}: host port of the front end (default 8080; 0 lets Docker choose);</li>
 *   <li>{@code erlbank.sources}: the directory with the service and front-end sources (default
 *       {@code src/main/erlbank} or {@code examples/src/main/erlbank} below the working directory).</li>
 * </ul>
 * The base images come from {@code scripts/docker/build-base-images.sh}; no registry is needed.
 */
public final class ErlbankDocker implements Program {

    static final List<String> SERVICES = List.of("accounts", "transfers", "statements");

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        Path sources = sources(config);
        var net = stack.add(DockerNetwork.of("net1"));
        var data = stack.add(DockerVolume.of("erlbank-data").holdsData());
        // Referencing the base images fails early, with the fix, when the script was not run.
        var busybox = stack.add(DockerImage.of("busybox").image("converge/busybox:1"));
        var nginx = stack.add(DockerImage.of("nginx").image("converge/nginx:1"));

        var accounts = stack.add(service(stack, "accounts", sources, busybox, net, data));
        var transfers = stack.add(service(stack, "transfers", sources, busybox, net, data)
                .env("ACCOUNTS_HOST", "accounts@accounts")
                .dependsOn(accounts));
        var statements = stack.add(service(stack, "statements", sources, busybox, net, data)
                .env("ACCOUNTS_HOST", "accounts@accounts")
                .env("TRANSFERS_HOST", "transfers@transfers")
                .dependsOn(transfers));

        var frontendImage = stack.add(DockerImage.of("frontend-image").image("erlbank/frontend:1")
                .context(sources.resolve("frontend")).dependsOn(nginx));
        var frontend = stack.add(DockerContainer.of("frontend")
                .image(frontendImage)
                .hostname("frontend")
                .port(80, config.getInt("frontend.port", 8080))
                .network(net)
                .init(true)
                .dependsOn(accounts, transfers, statements));
        stack.export("url", frontend.output(f -> "http://localhost:" + f.publishedPort(80) + "/"));
    }

    /** One service: its image built from the shared service sources, and its container. */
    private static DockerContainer service(Stack stack, String name, Path sources, Ref<DockerImage.Outputs> base,
            Ref<DockerNetwork.Outputs> net, Ref<DockerVolume.Outputs> data) {
        var image = stack.add(DockerImage.of(name + "-image")
                .image("erlbank/" + name + ":1")
                .context(sources.resolve("service"))
                .buildArg("SERVICE", name)
                .dependsOn(base));
        String logLevel = stack.config().get(name + ".log.level", stack.config().get("log.level", "info"));
        return DockerContainer.of(name)
                .image(image)
                .hostname(name)                    // explicit host names, as in the notes' compose file
                .env("NODE_NAME", name)
                .env("LOG_LEVEL", logLevel)
                .network(net)
                .volume(data, "/data")
                .init(true)                        // so stop signals reach httpd and replacements are quick
                .restart("unless-stopped");
    }

    /** The sources directory: {@code erlbank.sources}, else found below the working directory. */
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
        throw new IllegalStateException("cannot find the Erlbank sources (service/ and frontend/) in "
                + Path.of("").toAbsolutePath() + "; run from the repository root or set erlbank.sources");
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new ErlbankDocker()).run(args));
    }
}
