package dev.converge.api.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A verification by HTTP: {@code requests} GET requests to {@code path} of the version under test,
 * of which at least {@code successRatio} must answer {@code expectStatus} within {@code within}.
 * Immutable; each method returns a changed copy.
 *
 * @param path the request path, starting with {@code /}
 * @param expectStatus the status a good answer has
 * @param requests how many requests to send
 * @param successRatio the share of good answers required, 0 to 1
 * @param within how long all requests together may take
 */
public record HttpProbe(String path, int expectStatus, int requests, double successRatio, Duration within) {

    public HttpProbe {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("probe path '" + path + "' must start with /");
        }
        if (requests < 1) {
            throw new IllegalArgumentException("a probe needs at least one request, got " + requests);
        }
        if (successRatio < 0 || successRatio > 1) {
            throw new IllegalArgumentException("successRatio must be between 0 and 1, got " + successRatio);
        }
        Objects.requireNonNull(within, "within");
    }

    /** 20 requests to {@code path}, all answering 200 within 30 seconds. */
    public static HttpProbe get(String path) {
        return new HttpProbe(path, 200, 20, 1.0, Duration.ofSeconds(30));
    }

    public HttpProbe expectStatus(int status) {
        return new HttpProbe(path, status, requests, successRatio, within);
    }

    public HttpProbe requests(int count) {
        return new HttpProbe(path, expectStatus, count, successRatio, within);
    }

    public HttpProbe successRatio(double ratio) {
        return new HttpProbe(path, expectStatus, requests, ratio, within);
    }

    public HttpProbe within(Duration limit) {
        return new HttpProbe(path, expectStatus, requests, successRatio, limit);
    }

    /** The plain form stored in a strategy's inputs. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", path);
        map.put("expectStatus", (long) expectStatus);
        map.put("requests", (long) requests);
        map.put("successRatio", successRatio);
        map.put("withinMillis", within.toMillis());
        return map;
    }

    /** Reads the form {@link #toMap()} wrote. */
    public static HttpProbe fromMap(Map<String, ?> map) {
        return new HttpProbe(String.valueOf(map.get("path")), ((Number) map.get("expectStatus")).intValue(),
                ((Number) map.get("requests")).intValue(), ((Number) map.get("successRatio")).doubleValue(),
                Duration.ofMillis(((Number) map.get("withinMillis")).longValue()));
    }
}
