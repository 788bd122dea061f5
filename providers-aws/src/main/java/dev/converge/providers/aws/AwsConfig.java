package dev.converge.providers.aws;

import dev.converge.api.Output;
import dev.converge.api.ProviderArgs;
import dev.converge.api.ProviderConfig;

/**
 * A named configuration of the {@code aws} provider: another region, account or endpoint in the same stack.
 * Declare it with {@code stack.provider(...)} and choose it per resource or component:
 *
 * <pre>{@code
 * ProviderRef eu = stack.provider(AwsConfig.named("eu").region("eu-west-1"));
 * stack.add(SqsQueue.of("orders-eu").provider(eu));
 * }</pre>
 *
 * Its settings are laid over the stack's {@code aws.*} settings (a setting it does not set, such as
 * {@code aws.endpoint} for moto, still applies). Immutable: every setter returns a new value.
 */
public final class AwsConfig extends ProviderArgs<AwsConfig> {

    private AwsConfig(ProviderConfig config) {
        super(config);
    }

    /** A configuration named {@code name} (letters, digits, {@code _}, {@code -}), unique among the stack's aws ones. */
    public static AwsConfig named(String name) {
        return new AwsConfig(ProviderConfig.of("aws", name));
    }

    @Override
    protected AwsConfig wrap(ProviderConfig next) {
        return new AwsConfig(next);
    }

    /** The region, such as {@code eu-west-1} ({@code aws.region}). */
    public AwsConfig region(String region) {
        return with("region", region);
    }

    /**
     * Static credentials ({@code aws.accessKeyId}, {@code aws.secretAccessKey}), such as those of another account;
     * pass the secret as {@code stack.config().requireSecret(...)} so that it never shows.
     */
    public AwsConfig credentials(String accessKeyId, Output<String> secretAccessKey) {
        return with("accessKeyId", accessKeyId).with("secretAccessKey", secretAccessKey.asSecret());
    }

    /** The session token of temporary credentials ({@code aws.sessionToken}); kept secret. */
    public AwsConfig sessionToken(Output<String> token) {
        return with("sessionToken", token.asSecret());
    }

    /** The endpoint of every service ({@code aws.endpoint}), such as a private endpoint or a local imitation. */
    public AwsConfig endpoint(String url) {
        return with("endpoint", url);
    }

    /** The endpoint of one service ({@code aws.endpoint.<service>}), such as {@code s3}. */
    public AwsConfig endpoint(String service, String url) {
        return with("endpoint." + service, url);
    }
}
