package dev.converge.providers.local;

import dev.converge.api.Diagnostic;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure checks of {@code local:Process} inputs: command, environment and readiness checks. */
final class ProcessChecks {

    private ProcessChecks() {
    }

    /** Appends a diagnostic per problem; values still unknown are not judged. */
    static void validate(String where, Map<String, Object> inputs, List<Diagnostic> problems) {
        if (inputs.get("command") instanceof List<?> command) {
            if (command.isEmpty()) {
                problems.add(Diagnostic.error(where, "'command' is empty",
                        "give the program to run, such as command(\"java\", \"-jar\", \"app.jar\")"));
            }
            for (Object part : command) {
                if (part instanceof Map || part instanceof List) {
                    problems.add(Diagnostic.error(where, "'command' must hold strings", "got " + part));
                }
            }
        }
        if (inputs.get("env") instanceof Map<?, ?> env) {
            env.forEach((key, value) -> {
                if (value instanceof Map || value instanceof List) {
                    problems.add(Diagnostic.error(where, "env '" + key + "' must be a string",
                            "environment variables hold text; join lists yourself"));
                }
            });
        }
        if (inputs.get("httpCheck") instanceof String url && parseHttp(url).isEmpty()) {
            problems.add(Diagnostic.error(where, "invalid httpCheck '" + url + "'",
                    "use a full URL such as http://127.0.0.1:8080/health"));
        }
        if (inputs.get("tcpCheck") instanceof String target && parseHostPort(target).isEmpty()) {
            problems.add(Diagnostic.error(where, "invalid tcpCheck '" + target + "'",
                    "use host:port such as 127.0.0.1:5432"));
        }
    }

    /** An http or https URL with a host, or empty. */
    static Optional<URI> parseHttp(String url) {
        try {
            URI uri = URI.create(url.strip());
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Host and port of {@code host:port} (IPv6 hosts in brackets), or empty. */
    static Optional<Map.Entry<String, Integer>> parseHostPort(String target) {
        String text = target.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            return port > 0 && port < 65536 ? Optional.of(Map.entry(host, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
