package dev.converge.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests continuously, one new connection each (HTTP/1.0), never retrying: every connection
 * error, every connect or answer slower than 5 s and every non-2xx answer counts as a failure. A new
 * connection per request also makes the shares meaningful behind a Kubernetes Service, whose kube-proxy
 * picks an endpoint per connection: a keep-alive client would stick to one pod. Records the body of each
 * answer in order (the test services answer with their version), so tests can count who answered when.
 * Its source ports are its own ({@link SourcePorts}): no one else's half-open connection attempt can have left a
 * conntrack entry on them.
 */
public final class TrafficClient implements AutoCloseable {

    /** One request: {@code answer} is the version that answered, or {@code FAILED:<reason>}. */
    public record Result(long nanos, String answer) {
        public boolean failed() {
            return answer.startsWith("FAILED:");
        }
    }

    private final String host;
    private final int port;
    private final String path;
    private final List<Result> results = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final long intervalNanos;
    private final SourcePorts sourcePorts = SourcePorts.belowEphemeralRange();
    private volatile boolean running = true;

    public TrafficClient(String endpoint, String path) {
        this(endpoint, path, 1);
    }

    /** Starts {@code parallel} threads that each send one request after the other. */
    public TrafficClient(String endpoint, String path, int parallel) {
        this(endpoint, path, parallel, 0);
    }

    /**
     * Starts {@code parallel} threads that each send one request after the other, together at most
     * {@code perSecond} requests a second (0: as fast as they are answered).
     */
    public TrafficClient(String endpoint, String path, int parallel, int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L * parallel / perSecond;
        URI uri = URI.create(endpoint);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.path = path;
        for (int i = 0; i < parallel; i++) {
            Thread thread = new Thread(this::loop, "traffic-client-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            results.add(new Result(System.nanoTime(), once()));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // behind: no burst to catch up
            }
        }
    }

    private String once() {
        try (Socket socket = sourcePorts.bound()) {
            // 5 s, not less: a SYN the kernel retransmits (after 1 s and 3 s) is TCP's, not a retry of this
            // client. At a thousand connections a second the source ports repeat within a minute, and about
            // one connect in 100,000 to a ClusterIP took more than 2 s (its first SYN went unanswered).
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int lineEnd = text.indexOf("\r\n");
            String status = lineEnd < 0 ? text : text.substring(0, lineEnd);
            String[] parts = status.split(" ");
            if (parts.length < 2 || !parts[1].startsWith("2")) {
                return "FAILED:" + status;
            }
            int bodyStart = text.indexOf("\r\n\r\n");
            return bodyStart < 0 ? "FAILED:no body" : text.substring(bodyStart + 4).strip();
        } catch (IOException e) {
            return "FAILED:" + e;
        }
    }

    /** Every result so far, in order. */
    public List<Result> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /** The results from index {@code from} on, as far as they came (one snapshot: the list grows meanwhile). */
    public List<Result> resultsFrom(int from) {
        List<Result> all = results();
        return all.subList(from, all.size());
    }

    /** Waits until {@code count} more results arrived than {@code from} (index), at most 120 s. */
    public List<Result> next(int from, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (results.size() < from + count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return results().subList(from, Math.min(results.size(), from + count));
    }

    /** Counts per answer, failures grouped by reason. */
    public static Map<String, Integer> counts(List<Result> results) {
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(result -> counts.merge(result.answer(), 1, Integer::sum));
        return counts;
    }

    public static long failures(List<Result> results) {
        return results.stream().filter(Result::failed).count();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
