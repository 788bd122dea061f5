package ${package};

import dev.converge.api.Config;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.engine.Converge;
import dev.converge.providers.local.LocalDirectory;
import dev.converge.providers.local.LocalFile;
import dev.converge.providers.local.LocalProcess;

/**
 * The stack, all on this machine: a directory, a greeting file in it, and a {@link GreetingServer}
 * process that serves the file over HTTP.
 *
 * <pre>
 * mvn compile exec:java -Dexec.args="plan"
 * mvn compile exec:java -Dexec.args="apply --auto-approve"
 * curl http://127.0.0.1:18181/
 * mvn compile exec:java -Dexec.args="destroy --auto-approve"
 * </pre>
 *
 * <p>Configuration, in {@code converge.dev.properties} or as {@code CONVERGE_SITE_GREETING} and
 * {@code CONVERGE_SITE_PORT}: {@code site.greeting} rewrites the file in place (the server reads it on
 * every request); {@code site.port} replaces the server process.
 */
public final class Site implements Program {

    static final String DEFAULT_GREETING = "Hello from Converge";
    static final int DEFAULT_PORT = 18181;

    @Override
    public void define(Stack stack) {
        Config config = stack.config();
        int port = config.getInt("site.port", DEFAULT_PORT);

        Ref<LocalDirectory.Outputs> root = stack.add(LocalDirectory.of("site-root")
                .path("run/site")
                .recursiveDelete(true)); // it also holds the server's logs, which no resource manages
        Output<String> rootPath = root.output(LocalDirectory.Outputs::path);

        Ref<LocalFile.Outputs> greeting = stack.add(LocalFile.of("greeting")
                .path(rootPath.map(path -> path + "/greeting.txt"))
                .content(config.get("site.greeting", DEFAULT_GREETING) + "\n"));

        Ref<LocalProcess.Outputs> server = stack.add(LocalProcess.of("web")
                .javaMain(GreetingServer.class) // Maven's java, with this module's classes as class path
                .env("PORT", Integer.toString(port))
                .env("GREETING_FILE", greeting.output(LocalFile.Outputs::path)) // a reference is a graph edge
                .logDirectory(rootPath.map(path -> path + "/logs"))
                .httpCheck("http://127.0.0.1:" + port + "/"));

        stack.export("url", server.output(process -> "http://127.0.0.1:" + port + "/"));
    }

    public static void main(String[] args) {
        System.exit(Converge.builder(new Site()).policies(SitePolicies.all()).build().run(args));
    }
}
