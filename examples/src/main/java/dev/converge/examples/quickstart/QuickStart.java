package dev.converge.examples.quickstart;

import dev.converge.api.Config;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.providers.local.LocalDirectory;
import dev.converge.providers.local.LocalFile;
import dev.converge.providers.local.LocalProcess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The quick start: a directory, a configuration file and a running {@link HelloService}, all on this
 * machine, no cloud needed.
 *
 * <pre>
 * mvn -pl examples -am compile exec:java -Dexec.args="apply --auto-approve --stack dev"
 * curl http://127.0.0.1:18080/
 * mvn -pl examples -am compile exec:java -Dexec.args="destroy --auto-approve --stack dev"
 * </pre>
 *
 * <p>Configuration: {@code quickstart.greeting} (default "Hello from Converge"), {@code quickstart.port}
 * (default 18080), {@code log.level} (default info). Changing the greeting rewrites the file and, since
 * the service gets the content's digest in its environment, replaces the service (an immutable server).
 */
public final class QuickStart implements Program {

    public static final String DEFAULT_GREETING = "Hello from Converge";
    public static final int DEFAULT_PORT = 18080;
    private static final String CONFIG_TEMPLATE = "greeting=${greeting}\n";

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        int port = config.getInt("quickstart.port", DEFAULT_PORT);

        Ref<LocalDirectory.Outputs> dir = stack.add(LocalDirectory.of("quickstart-dir")
                .path("run/quickstart")
                .recursiveDelete(true)); // it also holds the service's logs, which no resource manages
        Output<String> dirPath = dir.output(LocalDirectory.Outputs::path);

        String greeting = escapeProperty(config.get("quickstart.greeting", DEFAULT_GREETING));
        Ref<LocalFile.Outputs> settings = stack.add(LocalFile.of("hello-config")
                .path(dirPath.map(path -> path + "/hello.properties"))
                .content(CONFIG_TEMPLATE)
                .var("greeting", greeting));

        Ref<LocalProcess.Outputs> service = stack.add(LocalProcess.of("hello")
                .javaMain(HelloService.class) // Maven's java, with this module's classes as class path
                .env("SERVICE_NAME", "hello")
                .env("PORT", Integer.toString(port))
                .env("LOG_LEVEL", config.get("log.level", "info"))
                .env("CONFIG_FILE", settings.output(LocalFile.Outputs::path))
                // The digest of the intended content, known at plan time: a new greeting replaces the service
                // in the same apply (the file's sha256 output would be the old one until the file changed).
                .env("CONFIG_SHA256", sha256(CONFIG_TEMPLATE.replace("${greeting}", greeting)))
                .logDirectory(dirPath.map(path -> path + "/logs"))
                .httpCheck("http://127.0.0.1:" + port + "/health"));

        stack.export("url", service.output(process -> "http://127.0.0.1:" + port + "/"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Escapes a value for a {@code .properties} file, so backslashes and line breaks survive. */
    static String escapeProperty(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static void main(String[] args) {
        System.exit(Converge.cli(new QuickStart()).run(args));
    }
}
