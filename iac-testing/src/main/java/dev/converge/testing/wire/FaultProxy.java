package dev.converge.testing.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A fault-injecting HTTP/1.1 proxy for tests, between a client (Converge, Terraform) and a real server
 * (moto, the Kubernetes API server, dockerd), on a free port of 127.0.0.1. It passes requests on over a
 * backend connection per client connection and injects what its {@link WireFaults} say: latency, injected
 * statuses with or without {@code Retry-After}, the backend's own throttling errors ({@link ErrorStyle}), a
 * token-bucket rate limit, connections reset after the backend did the work, and outages during which it
 * refuses connections. It counts everything ({@link #stats()}).
 *
 * <p>TLS: with {@link Builder#tlsFront} it serves TLS itself (a certificate the client trusts, for
 * instance the API server's own), so it sees the HTTP inside and can inject HTTP errors; with
 * {@link Builder#tlsBackend} it speaks TLS to the backend, presenting a client certificate. A Unix-socket
 * backend ({@link #toUnixSocket}) lets a client that speaks TCP reach dockerd. Thread-safe: a test can
 * change the faults while requests pass.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to one request. */
    enum Action { FORWARD, RESET, STATUS, THROTTLE, RATE_LIMITED, OUTAGE }

    private final Backend backend;
    private final ErrorStyle style;
    private final SSLContext front;
    private final Random random;
    private final Set<Exchange> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong[] counts = new AtomicLong[9];
    private final AtomicLong sinceFaults = new AtomicLong();
    private final int port;
    private volatile ServerSocket listener;
    private volatile WireFaults faults;
    private volatile TokenBucket bucket;
    private volatile long outageEnds;
    private volatile boolean closed;

    private FaultProxy(Builder builder) throws IOException {
        this.backend = builder.backend;
        this.style = builder.style;
        this.front = builder.front;
        this.random = new Random(builder.seed);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new AtomicLong();
        }
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        faults(builder.faults);
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code host:port}. */
    public static Builder to(String host, int port) {
        return new Builder(host, port, null);
    }

    /** A proxy to a server at a Unix socket (dockerd's), reachable over TCP. */
    public static Builder toUnixSocket(Path socket) {
        return new Builder(null, 0, socket);
    }

    /** How to start a {@link FaultProxy}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final Path unixSocket;
        private SSLContext backendTls;
        private SSLContext front;
        private ErrorStyle style = ErrorStyle.PLAIN;
        private WireFaults faults = WireFaults.none();
        private Backend backend;
        private long seed = System.nanoTime();

        private Builder(String host, int port, Path unixSocket) {
            this.host = host;
            this.port = port;
            this.unixSocket = unixSocket;
        }

        /** How injected errors look; {@link ErrorStyle#PLAIN} by default. */
        public Builder style(ErrorStyle errors) {
            this.style = errors;
            return this;
        }

        /** Serve TLS with this PEM certificate (chain) and PKCS#8 PEM key. */
        public Builder tlsFront(Path certificate, Path key) {
            this.front = PemTls.server(certificate, key);
            return this;
        }

        /** Speak TLS to the backend, trusting the PEM {@code ca}, presenting {@code certificate} (may be null). */
        public Builder tlsBackend(Path ca, Path certificate, Path key) {
            this.backendTls = PemTls.client(ca, certificate, key);
            return this;
        }

        /** The faults to start with; none by default. */
        public Builder faults(WireFaults initial) {
            this.faults = initial;
            return this;
        }

        /** The seed of the random draws (which requests get which fault). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public FaultProxy start() {
            backend = unixSocket != null ? Backend.unix(unixSocket) : Backend.tcp(host, port, backendTls);
            try {
                return new FaultProxy(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fault proxy", e);
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://...} when it serves TLS. */
    public String url() {
        return (front != null ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** Replaces the faults; the rate limit's bucket and the outage's request count start afresh. */
    public void faults(WireFaults next) {
        bucket = next.ratePerSecond() > 0 ? new TokenBucket(next.ratePerSecond(), next.burst()) : null;
        sinceFaults.set(0);
        faults = next;
    }

    public WireFaults faults() {
        return faults;
    }

    public WireStats stats() {
        return new WireStats(count(0), count(1), count(2), count(3), count(4), count(5), count(6), count(7), count(8));
    }

    public void resetStats() {
        for (AtomicLong count : counts) {
            count.set(0);
        }
    }

    /** Goes away now for {@code duration}: live connections are reset, new ones refused, then it listens again. */
    public void outageNow(Duration duration) {
        counts[7].incrementAndGet();
        outageEnds = System.nanoTime() + duration.toNanos();
        try {
            listener.close();
        } catch (IOException e) {
            // closed already
        }
        for (Exchange exchange : live) {
            counts[8].incrementAndGet();
            exchange.abort();
        }
    }

    ErrorStyle style() {
        return style;
    }

    Backend backend() {
        return backend;
    }

    void ended(Exchange exchange) {
        live.remove(exchange);
    }

    void countForwarded() {
        counts[3].incrementAndGet();
    }

    void countReset() {
        counts[6].incrementAndGet();
    }

    /** Decides the fate of the next request. */
    Action decide() {
        counts[0].incrementAndGet();
        WireFaults current = faults;
        if (current.outageAfter() > 0 && sinceFaults.incrementAndGet() == current.outageAfter()) {
            outageNow(current.outage());
            return Action.OUTAGE;
        }
        TokenBucket limit = bucket;
        if (limit != null && !limit.tryTake()) {
            counts[2].incrementAndGet();
            return Action.RATE_LIMITED;
        }
        counts[1].incrementAndGet();
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < current.statusProbability()) {
            counts[4].incrementAndGet();
            return Action.STATUS;
        }
        draw -= current.statusProbability();
        if (draw < current.throttleProbability()) {
            counts[5].incrementAndGet();
            return Action.THROTTLE;
        }
        draw -= current.throttleProbability();
        return draw < current.resetProbability() ? Action.RESET : Action.FORWARD;
    }

    private long count(int index) {
        return counts[index].get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket raw = listener.accept();
                raw.setTcpNoDelay(true);
                Socket client = raw;
                if (front != null) {
                    SSLSocket secure = (SSLSocket) front.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
                    secure.setUseClientMode(false);
                    client = secure;
                }
                Exchange exchange = new Exchange(this, raw, client);
                live.add(exchange);
                Thread thread = new Thread(exchange, "fault-proxy-" + port + "-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    waitOutOutage();
                }
            }
        }
    }

    /** After the listener was closed for an outage: waits for its end and listens on the same port again. */
    private void waitOutOutage() {
        while (!closed) {
            long left = outageEnds - System.nanoTime();
            if (left <= 0 && listener.isClosed()) {
                try {
                    listener = bind(port);
                    return;
                } catch (IOException busy) {
                    left = 50_000_000L; // the port is still in TIME_WAIT or taken: try again shortly
                }
            } else if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return socket;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closed already
        }
        live.forEach(Exchange::abort);
    }
}
