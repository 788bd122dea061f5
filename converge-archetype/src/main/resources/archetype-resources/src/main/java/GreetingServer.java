package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The service {@link Site} runs: answers {@code GET /} on 127.0.0.1 with the file {@code GREETING_FILE},
 * read on every request, on port {@code PORT}. JDK only.
 */
public final class GreetingServer {

    private GreetingServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("PORT"));
        Path file = Path.of(System.getenv("GREETING_FILE"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> answer(exchange, file));
        server.start();
        System.out.println("serving " + file + " on http://127.0.0.1:" + port + "/");
    }

    private static void answer(HttpExchange exchange, Path file) throws IOException {
        byte[] body;
        int status = 200;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            body = ("no file " + file + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            status = 404;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
