package dev.converge.providers.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one provider instance, created lazily per service on first use (a run that only
 * touches S3 never builds an EC2 client) and closed together. Thread-safe.
 *
 * <p>All clients use the URL-connection HTTP client (small classpath, fast start-up), the region and
 * credentials from {@link AwsSettings} or the SDK default chains, and the endpoint overrides. S3 uses
 * path-style addressing when its endpoint is overridden (moto and LocalStack have no bucket DNS); IAM and
 * Route 53 are global services and use {@link Region#AWS_GLOBAL}.
 */
final class AwsClients implements AutoCloseable {

    /**
     * The provider's clients retry two kinds of failure themselves, calls the service certainly did not carry
     * out or may carry out twice: a throttled call, and a server error of a read or of an overwriting write
     * ({@link ResendableCalls}). Retried by the engine instead, such a call in the middle of a create of several
     * calls would restart the whole create and spend the service's capacity again on the calls before it. A
     * throttled call is sent again after a fully jittered exponential backoff from 0.5 s (at most 4 s, eight
     * attempts), which keeps a throttling service busy at the rate it admits; the SDK's adaptive mode, tried
     * first, cut its own send rate below that rate after every throttle (1.27 to 1.35 times the floor in the
     * throttling benchmark, against 1.08; docs/benchmarks.md). No retry quota (circuit breaker): a call that
     * still fails after the attempts reaches the engine, which lowers the provider's concurrency on throttles
     * and backs off within the resource's timeout. So does a failure with a {@code Retry-After}: the SDK's
     * backoff would not honour it, the engine does.
     */
    private final RetryStrategy safeRetries = DefaultRetryStrategy.standardStrategyBuilder()
            .useClientDefaults(false).circuitBreakerEnabled(false)
            .retryOnException(AwsClients::retriedBySdk).treatAsThrottling(AwsErrors::isThrottling)
            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(4)))
            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
            .maxAttempts(8).build();

    private final AwsSettings settings;
    private final boolean sdkRetries;
    private final Reachability reachability = new Reachability();
    private final ResendableCalls resendable = new ResendableCalls();
    private final Map<String, SdkAutoCloseable> clients = new ConcurrentHashMap<>();
    private volatile Region region;
    private volatile AwsCredentialsProvider credentials;

    /** Clients that retry as the SDK does by default: for the state backend, whose calls the engine does not retry. */
    AwsClients(AwsSettings settings) {
        this(settings, true);
    }

    private AwsClients(AwsSettings settings, boolean sdkRetries) {
        this.settings = settings;
        this.sdkRetries = sdkRetries;
    }

    /**
     * Clients for the provider's resource calls: apart from the calls above, the SDK does not retry,
     * the engine does. One layer of retries, not two multiplied (the SDK's attempts inside each of the
     * engine's); the engine's
     * backoff honours Retry-After, slows every call to a throttling backend, and is bounded by the
     * resource's timeout; and a create retried after a lost answer is retried as a whole, where it can find
     * the object its earlier attempt made. Refused connections count as retryable once the endpoint has
     * answered ({@link Reachability}).
     */
    static AwsClients forProvider(AwsSettings settings) {
        return new AwsClients(settings, false);
    }

    private static boolean retriedBySdk(Throwable e) {
        if (!(e instanceof AwsServiceException service) || AwsErrors.retryAfter(service).isPresent()) {
            return false;
        }
        return AwsErrors.isThrottling(e) || service.statusCode() >= 500 && ResendableCalls.current();
    }

    AwsSettings settings() {
        return settings;
    }

    S3Client s3() {
        return get("s3", () -> configure(S3Client.builder().forcePathStyle(settings.endpointFor("s3").isPresent()),
                "s3", region()));
    }

    SqsClient sqs() {
        return get("sqs", () -> configure(SqsClient.builder(), "sqs", region()));
    }

    SnsClient sns() {
        return get("sns", () -> configure(SnsClient.builder(), "sns", region()));
    }

    DynamoDbClient dynamoDb() {
        return get("dynamodb", () -> configure(DynamoDbClient.builder(), "dynamodb", region()));
    }

    IamClient iam() {
        return get("iam", () -> configure(IamClient.builder(), "iam", Region.AWS_GLOBAL));
    }

    Ec2Client ec2() {
        return get("ec2", () -> configure(Ec2Client.builder(), "ec2", region()));
    }

    Route53Client route53() {
        return get("route53", () -> configure(Route53Client.builder(), "route53", Region.AWS_GLOBAL));
    }

    CloudWatchLogsClient logs() {
        return get("logs", () -> configure(CloudWatchLogsClient.builder(), "logs", region()));
    }

    /** The region of regional services: settings, then the SDK chain, then us-east-1 for local endpoints. */
    Region region() {
        Region current = region;
        if (current == null) {
            current = resolveRegion();
            region = current;
        }
        return current;
    }

    private Region resolveRegion() {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            if (settings.overridden()) {
                return Region.of(AwsSettings.LOCAL_DEFAULT_REGION);
            }
            throw new IllegalStateException("no AWS region configured: set the stack setting aws.region, the"
                    + " environment variable AWS_REGION, or a region in ~/.aws/config", e);
        }
    }

    private AwsCredentialsProvider credentials() {
        AwsCredentialsProvider current = credentials;
        if (current == null) {
            if (settings.accessKeyId().isPresent()) {
                String key = settings.accessKeyId().get();
                String secret = settings.secretAccessKey().orElseThrow();
                current = StaticCredentialsProvider.create(settings.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                                token -> AwsSessionCredentials.create(key, secret, token))
                        .orElseGet(() -> AwsBasicCredentials.create(key, secret)));
            } else {
                current = DefaultCredentialsProvider.builder().build();
            }
            credentials = current;
        }
        return current;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder,
            String service, Region serviceRegion) {
        builder.region(serviceRegion)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)));
        settings.endpointFor(service).ifPresent(builder::endpointOverride);
        if (!sdkRetries) {
            builder.overrideConfiguration(o -> o.retryStrategy(safeRetries)
                    .addExecutionInterceptor(reachability).addExecutionInterceptor(resendable));
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkAutoCloseable> C get(String service, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(service, key -> factory.get());
    }

    @Override
    public void close() {
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
    }
}
