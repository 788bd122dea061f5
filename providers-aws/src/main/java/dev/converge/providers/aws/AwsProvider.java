package dev.converge.providers.aws;

import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceHandler;
import dev.converge.spi.ResourceHandlers;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code aws} provider: S3, SQS, SNS, DynamoDB, IAM, CloudWatch Logs, Route 53 and EC2 (VPC, subnet,
 * security group, instance, EBS volume) resources through the AWS SDK v2, and a Route 53 traffic router
 * that releases {@code aws:Ec2Instance} services by {@code BlueGreen} or {@code Canary}.
 *
 * <p>Settings (stack configuration): {@code aws.region}, {@code aws.accessKeyId},
 * {@code aws.secretAccessKey} (keep it secret), {@code aws.sessionToken}, {@code aws.endpoint} and
 * {@code aws.endpoint.<service>}; see {@link AwsSettings}. Without them the SDK's default chains apply.
 * SDK clients are built lazily per service on first use. Thread-safe after {@link #configure}.
 */
public final class AwsProvider implements Provider {

    private volatile AwsClients clients;
    private volatile ResourceHandlers handlers;

    /** For {@link java.util.ServiceLoader}; settings arrive through {@link #configure}. */
    public AwsProvider() {
    }

    /** A provider with explicit settings, for embedding and tests. */
    public AwsProvider(AwsSettings settings) {
        use(settings);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return AwsSchemas.all();
    }

    /** Lookups of an existing VPC, subnet or Route 53 hosted zone; see {@link AwsLookups}. */
    @Override
    public Collection<ResourceSchema> lookupSchemas() {
        return AwsLookups.SCHEMAS;
    }

    @Override
    public LookupResponse lookup(LookupRequest request) {
        return guarded(() -> handlers().lookup(request));
    }

    @Override
    public void configure(ConfigureRequest request) {
        try {
            use(AwsSettings.from(request.settings(), System.getenv()));
        } catch (IllegalArgumentException e) {
            throw ProviderException.fatal("invalid aws provider settings: " + e.getMessage(), e);
        }
    }

    private synchronized void use(AwsSettings settings) {
        AwsClients previous = clients;
        AwsClients next = AwsClients.forProvider(settings);
        Map<String, Handler> byType = new LinkedHashMap<>();
        for (Handler handler : AwsExtensions.handlers(next)) {
            byType.put(handler.type(), handler);
        }
        clients = next;
        handlers = ResourceHandlers.of(name(), byType).withLookups(AwsLookups.handlers(next));
        if (previous != null) {
            previous.close();
        }
    }

    private ResourceHandlers handlers() {
        ResourceHandlers current = handlers;
        if (current == null) {
            synchronized (this) {
                if (handlers == null) {
                    use(AwsSettings.defaults());
                }
                current = handlers;
            }
        }
        return current;
    }

    private ResourceHandler handler(String type) {
        return handlers().forType(type);
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        if (schema(request.type()).isEmpty()) {
            return Provider.super.validate(request);
        }
        return new ValidateResponse(AwsValidation.validate(request.type(), request.address(), request.inputs()));
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return AwsDiff.diff(request.type(), request.priorInputs(), request.desiredInputs());
    }

    /** Whether a create of {@code type} may be sent again after a lost answer (see the handlers). */
    @Override
    public boolean idempotentCreate(String type) {
        return handlers().idempotentCreate(type);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        return guarded(() -> handler(request.type()).create(request));
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return guarded(() -> handler(request.type()).read(request));
    }

    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        return guarded(() -> handler(request.type()).readMany(request));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return guarded(() -> handler(request.type()).update(request));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return guarded(() -> handler(request.type()).delete(request));
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        return guarded(() -> handler(request.type()).importResource(request));
    }

    /** Objects with the stack's tags; {@code supported} only when every requested type has tags. */
    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        return guarded(() -> handlers().findOwned(request));
    }

    /** The region regional services use, after settings and the SDK chain. */
    public String region() {
        handler(AwsSchemas.S3_BUCKET);
        return guarded(() -> clients.region().id());
    }

    /** Translates configuration problems found while building clients into clear provider failures. */
    private static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw ProviderException.fatal(e.getMessage(), e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsErrors.translate("aws call", e);
        }
    }

    /** Offers a Route 53 weighted-records {@link dev.converge.spi.deploy.TrafficRouter} for BlueGreen and Canary. */
    @Override
    public <T> Optional<T> extension(Class<T> type) {
        Optional<T> offered = AwsExtensions.find(type, () -> {
            handlers();
            return clients;
        });
        return offered.isPresent() ? offered : Provider.super.extension(type);
    }

    /** Optional settings description, for diagnostics. */
    public Optional<String> describeSettings() {
        return Optional.ofNullable(clients).map(c -> c.settings().describe());
    }

    @Override
    public void close() {
        AwsClients current = clients;
        if (current != null) {
            current.close();
        }
    }
}
