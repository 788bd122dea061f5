package dev.converge.examples.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The tiny service the quick start deploys: JDK only, no dependencies.
 *
 * <p>Environment: {@code PORT} (required), {@code CONFIG_FILE} (a properties file with
 * {@code greeting}), {@code LOG_LEVEL} (default {@code info}), {@code SERVICE_NAME} (default
 * {@code hello}). {@code GET /} answers with the service's name, greeting and log level;
 * {@code GET /health} answers 200. It listens on 127.0.0.1 only. The configuration is read once at
 * start: the quick start replaces the process when the file changes (an immutable server).
 */
public final class HelloService {

    /** The greeting when the configuration file has none. */
    public static final String DEFAULT_GREETING = "Hello";

    /**
     * What the service says.
     *
     * @param name the service's name
     * @param greeting the greeting from the configuration file
     * @param logLevel the value of {@code LOG_LEVEL}
     */
    public record Settings(String name, String greeting, String logLevel) {

        /** Reads the settings from an environment such as {@link System#getenv()}. */
        public static Settings fromEnvironment(Map<String, String> environment) {
            String configFile = environment.get("CONFIG_FILE");
            String greeting = configFile == null || configFile.isBlank() ? DEFAULT_GREETING
                    : readGreeting(Path.of(configFile));
            return new Settings(environment.getOrDefault("SERVICE_NAME", "hello"), greeting,
                    environment.getOrDefault("LOG_LEVEL", "info"));
        }

        /** The text of {@code GET /}. */
        public String page() {
            return name + " says: " + greeting + " (LOG_LEVEL=" + logLevel + ")\n";
        }
    }

    private HelloService() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> environment = System.getenv();
        String port = environment.get("PORT");
        if (port == null || !port.strip().matches("\\d+")) {
            System.err.println("HelloService: set PORT to the port to listen on (got " + port + ")");
            System.exit(2);
        }
        Settings settings = Settings.fromEnvironment(environment);
        HttpServer server = start(Integer.parseInt(port.strip()), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            server.stop(0);
        }));
        System.out.println(settings.name() + " listening on http://127.0.0.1:" + server.getAddress().getPort()
                + "/ with LOG_LEVEL=" + settings.logLevel());
    }

    /**
     * Starts the service on 127.0.0.1; port 0 picks a free port (see {@code getAddress()}). The caller
     * stops it with {@link HttpServer#stop(int)}.
     */
    public static HttpServer start(int port, Settings settings) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "ok\n"));
        server.createContext("/", exchange -> {
            boolean root = "/".equals(exchange.getRequestURI().getPath());
            boolean get = "GET".equals(exchange.getRequestMethod());
            answer(exchange, root ? (get ? 200 : 405) : 404, root && get ? settings.page() : "not found\n");
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String readGreeting(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CONFIG_FILE " + file, e);
        }
        return properties.getProperty("greeting", DEFAULT_GREETING);
    }
}
