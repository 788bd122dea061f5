package dev.converge.testing.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A counting HTTP server for the proxy's tests, and a raw client that never retries. */
final class Backends implements AutoCloseable {

    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    private Backends(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    static {
        // Without it the JDK's server waits for a delayed ACK between head and body: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static Backends plain() throws IOException {
        return new Backends(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50));
    }

    static Backends tls(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters parameters) {
                javax.net.ssl.SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true); // as the API server does for certificate users
                parameters.setSSLParameters(ssl);
            }
        });
        return new Backends(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code /chunked} answers in three chunks; anything else echoes the method, path and body length. */
    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestURI().getPath().equals("/chunked")) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("part " + i + ";").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            return;
        }
        byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body.length
                + " #" + number).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One answer read by the raw client: its head and body, or null head when the connection was cut. */
    record Answer(Http1.Head head, String body) {
        int status() {
            return head.status();
        }
    }

    /** Sends one request on {@code socket} and reads its answer; never retries. */
    static Answer send(Socket socket, String method, String path, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String request = method + " " + path + " HTTP/1.1\r\nHost: test\r\n" + headers + "Content-Length: "
                + bytes.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        InputStream in = socket.getInputStream();
        Http1.Head head = Http1.readHead(in);
        if (head == null) {
            return new Answer(null, null);
        }
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        Http1.copyResponseBody(method, head, in, received);
        return new Answer(head, received.toString(StandardCharsets.UTF_8));
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        return socket;
    }
}
