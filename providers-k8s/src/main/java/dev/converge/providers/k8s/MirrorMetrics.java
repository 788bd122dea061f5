package dev.converge.providers.k8s;

import dev.converge.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request counter in the Prometheus text format, as a service's {@code /metrics} or a
 * Prometheus server's {@code /federate} endpoint exposes it, such as
 * {@code http_requests_total{code="500",path="/"} 3}. Ingress-nginx discards the mirrored answers, so
 * the shadow's own counters are what tells how it answered. Counters only grow: the router keeps the
 * reading taken when mirroring started and reports the difference. Thread-safe.
 */
final class MirrorMetrics {

    /** A counter's sum over all its series, and the part whose status was 500 or above. */
    record Counts(long total, long failed) {

        Counts minus(Counts baseline) {
            // A restarted pod starts its counters again at 0: then everything it counted is new.
            return total < baseline.total ? this : new Counts(total - baseline.total, failed - baseline.failed);
        }

        String encode() {
            return total + "," + failed;
        }

        static Counts decode(String text) {
            if (text == null || !text.contains(",")) {
                return new Counts(0, 0);
            }
            String[] parts = text.split(",");
            return new Counts(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
        }
    }

    private static final Pattern STATUS = Pattern.compile("(?:code|status)=\"(\\d{3})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Reads {@code metric} at {@code url}; fails naming the URL and the setting to change. */
    Counts read(String url, String metric, String router) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw unreadable(url, router, "status " + answer.statusCode(), null);
            }
            return parse(answer.body(), metric);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(url, router, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable("interrupted while reading the shadow's metrics at " + url, e);
        }
    }

    private static ProviderException unreadable(String url, String router, String why, Exception cause) {
        return ProviderException.fatal("router " + router + " cannot read the request counters at " + url + " (" + why
                + "); the shadow must expose them in the Prometheus text format: set the router setting"
                + " mirrorMetricsUrl (and mirrorMetric) to where they are, such as a Prometheus /federate URL", cause);
    }

    /** Sums the samples of {@code metric}; pure. Samples without a status label count as answered. */
    static Counts parse(String text, String metric) {
        long total = 0;
        long failed = 0;
        for (String line : text.split("\n")) {
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#") || !sample.startsWith(metric)) {
                continue;
            }
            String rest = sample.substring(metric.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one, such as _bucket
            }
            long value = value(rest);
            total += value;
            Matcher status = STATUS.matcher(rest);
            if (status.find() && Integer.parseInt(status.group(1)) >= 500) {
                failed += value;
            }
        }
        return new Counts(total, failed);
    }

    private static long value(String rest) {
        int close = rest.lastIndexOf('}');
        String[] fields = rest.substring(close + 1).strip().split("\\s+");
        return (long) Double.parseDouble(fields[0]);
    }
}
