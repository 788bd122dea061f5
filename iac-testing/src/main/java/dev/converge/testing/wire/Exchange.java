package dev.converge.testing.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * One client connection of a {@link FaultProxy}: reads each request whole, asks the proxy what to do with
 * it, and answers it with an injected error, forwards it over this connection's own backend connection
 * and relays the answer as it comes, or forwards it and cuts the client off with a TCP reset before the
 * answer reaches it. Runs in its own thread until either side closes.
 */
final class Exchange implements Runnable {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final FaultProxy proxy;
    private final Socket raw;
    private final Socket client;
    private Backend.Link backend;
    private InputStream clientIn;
    private volatile boolean aborted;

    /** {@code client} is {@code raw} or a TLS socket layered on it. */
    Exchange(FaultProxy proxy, Socket raw, Socket client) {
        this.proxy = proxy;
        this.raw = raw;
        this.client = client;
    }

    @Override
    public void run() {
        try {
            clientIn = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (!aborted && serve(clientIn, out)) {
                // next request on the same connection
            }
        } catch (IOException | RuntimeException e) {
            // the client or the backend went away, or the proxy cut the connection: nothing to answer
        } finally {
            close();
            proxy.ended(this);
        }
    }

    /** Serves one request; false when the connection is to end. */
    private boolean serve(InputStream in, OutputStream out) throws IOException {
        Http1.Head request = Http1.readHead(in);
        if (request == null) {
            return false;
        }
        if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
            out.write(CONTINUE);
            out.flush();
            request = request.without("Expect");
        }
        byte[] body = Http1.readRequestBody(request, in);
        FaultProxy.Action action = proxy.decide();
        pause(proxy.faults().latency());
        switch (action) {
            case OUTAGE -> {
                abort();
                return false;
            }
            case RATE_LIMITED, THROTTLE -> answer(out, proxy.style().throttle(request,
                    proxy.faults().throttleRetryAfter(), Instant.now()));
            case STATUS -> answer(out, proxy.style().status(request, proxy.faults().status(),
                    proxy.faults().statusRetryAfter(), Instant.now()));
            case FORWARD -> {
                if (!forward(request, body, out)) {
                    return false;
                }
            }
            case RESET -> {
                forward(request, body, OutputStream.nullOutputStream());
                proxy.countReset();
                abort();
                return false;
            }
        }
        return !request.wantsClose();
    }

    private static void answer(OutputStream out, byte[] response) throws IOException {
        out.write(response);
        out.flush();
    }

    /**
     * Sends the request on this connection's backend connection and copies the answer to {@code sink};
     * false when the connection must end (the answer ended with the backend's connection, a protocol
     * switch was relayed, or the backend could not be reached: the client is cut off as if the server were).
     */
    private boolean forward(Http1.Head request, byte[] body, OutputStream sink) throws IOException {
        if (backend == null) {
            try {
                backend = proxy.backend().open();
            } catch (IOException unreachable) {
                abort();
                return false;
            }
        }
        proxy.countForwarded();
        backend.out().write(request.bytes());
        backend.out().write(body);
        backend.out().flush();
        Http1.Head response = Http1.readHead(backend.in());
        if (response == null) {
            throw new IOException("the backend closed the connection without an answer");
        }
        sink.write(response.bytes());
        if (response.status() == 101) {
            sink.flush();
            relayUpgraded(sink);
            return false;
        }
        boolean endedWithConnection = Http1.copyResponseBody(request.method(), response, backend.in(), sink);
        sink.flush();
        if (endedWithConnection || response.wantsClose()) {
            backend.close();
            backend = null;
            return !endedWithConnection;
        }
        return true;
    }

    /** After {@code 101 Switching Protocols} both sides speak their own protocol: copy bytes both ways. */
    private void relayUpgraded(OutputStream clientOut) throws IOException {
        Backend.Link link = backend;
        Thread upstream = new Thread(() -> {
            try {
                clientIn.transferTo(link.out());
                link.out().flush();
            } catch (IOException e) {
                // one side closed
            }
        }, "fault-proxy-upgraded");
        upstream.setDaemon(true);
        upstream.start();
        link.in().transferTo(clientOut);
        clientOut.flush();
    }

    /**
     * Cuts the client off with a TCP reset (no TLS close, no FIN); the connection's thread then ends and
     * drops its backend connection. Safe from any thread.
     */
    void abort() {
        aborted = true;
        try {
            raw.setSoLinger(true, 0);
            raw.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
        try {
            client.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
