package dev.converge.providers.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS provider's settings for one run, parsed from stack configuration and the environment. Pure
 * and immutable.
 *
 * <p>Settings (stack config keys): {@code aws.region}, {@code aws.accessKeyId},
 * {@code aws.secretAccessKey}, {@code aws.sessionToken}, {@code aws.endpoint} (every service) and
 * {@code aws.endpoint.<service>} (such as {@code aws.endpoint.s3}). Without them the SDK's default
 * chains apply; the environment variables {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} override endpoints the same way the AWS CLI does.
 *
 * @param region the region, empty to use the SDK's default chain
 * @param accessKeyId static credentials, empty to use the SDK's default chain
 * @param secretAccessKey the secret belonging to {@code accessKeyId}
 * @param sessionToken optional session token for temporary credentials
 * @param endpoint the endpoint of every service, empty for AWS itself
 * @param serviceEndpoints per-service endpoints by lower-case service name
 */
public record AwsSettings(Optional<String> region, Optional<String> accessKeyId, Optional<String> secretAccessKey,
        Optional<String> sessionToken, Optional<URI> endpoint, Map<String, URI> serviceEndpoints) {

    /** The region used with an overridden endpoint when nothing else names one (moto, LocalStack). */
    static final String LOCAL_DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        serviceEndpoints = Map.copyOf(serviceEndpoints);
    }

    /** Settings from the SDK's default chains only. */
    public static AwsSettings defaults() {
        return from(Map.of(), System.getenv());
    }

    /**
     * Parses provider settings (keys with the {@code aws.} prefix) and environment variables; settings win.
     *
     * @throws IllegalArgumentException if an endpoint is not a URL or only half of a key pair is given
     */
    public static AwsSettings from(Map<String, String> settings, Map<String, String> env) {
        Map<String, URI> perService = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("AWS_ENDPOINT_URL_") && !value.isBlank()) {
                perService.put(key.substring("AWS_ENDPOINT_URL_".length()).toLowerCase(Locale.ROOT),
                        uri(key, value));
            }
        });
        settings.forEach((key, value) -> {
            if (key.startsWith("aws.endpoint.") && !value.isBlank()) {
                perService.put(key.substring("aws.endpoint.".length()).toLowerCase(Locale.ROOT), uri(key, value));
            }
        });
        Optional<URI> global = nonBlank(settings.get("aws.endpoint")).map(value -> uri("aws.endpoint", value))
                .or(() -> nonBlank(env.get("AWS_ENDPOINT_URL")).map(value -> uri("AWS_ENDPOINT_URL", value)));
        Optional<String> key = nonBlank(settings.get("aws.accessKeyId"));
        Optional<String> secret = nonBlank(settings.get("aws.secretAccessKey"));
        if (key.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException("aws.accessKeyId and aws.secretAccessKey must be set together"
                    + " (or neither, to use the default AWS credential chain)");
        }
        return new AwsSettings(nonBlank(settings.get("aws.region")), key, secret,
                nonBlank(settings.get("aws.sessionToken")), global, perService);
    }

    /** The endpoint override of a service (such as {@code s3}, {@code dynamodb}), if any. */
    public Optional<URI> endpointFor(String service) {
        URI specific = serviceEndpoints.get(service.toLowerCase(Locale.ROOT));
        return specific != null ? Optional.of(specific) : endpoint;
    }

    /** True if any endpoint is overridden: a local imitation such as moto, or a private endpoint. */
    public boolean overridden() {
        return endpoint.isPresent() || !serviceEndpoints.isEmpty();
    }

    /** A description safe for messages and logs: never includes the secret key. */
    public String describe() {
        return "region " + region.orElse("(default chain)") + ", credentials "
                + accessKeyId.map(id -> "static key " + id).orElse("(default chain)")
                + endpoint.map(uri -> ", endpoint " + uri).orElse("");
    }

    @Override
    public String toString() {
        return "AwsSettings[" + describe() + "]";
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static URI uri(String key, String value) {
        try {
            URI uri = URI.create(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a URL such as http://127.0.0.1:5005, got '"
                    + value + "'", e);
        }
    }
}
