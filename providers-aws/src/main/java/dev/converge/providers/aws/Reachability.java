package dev.converge.providers.aws;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Remembers which endpoints (host and port) of one provider's SDK clients ever answered. A refused connection before any answer is
 * most likely a wrong endpoint setting, which retrying will not fix; after an answer it is a server that
 * went away (a restart, a deployment) and may well come back, so it is worth retrying. One instance serves all
 * clients of a provider: services that share an endpoint (moto, LocalStack) share what is known of it. The first kind is
 * marked with {@link NeverReached} in the cause chain for {@link AwsErrors}. Thread-safe.
 */
final class Reachability implements ExecutionInterceptor {

    /** In the cause chain of a refused connection to an endpoint that never answered. */
    static final class NeverReached extends IOException {
        private static final long serialVersionUID = 1L;

        NeverReached(Throwable cause) {
            super("the endpoint has not answered once yet", cause);
        }
    }

    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        reached.add(endpoint(context.httpRequest()));
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        boolean answeredBefore = context.httpRequest().map(request -> reached.contains(endpoint(request)))
                .orElse(false);
        if (answeredBefore || !AwsErrors.hasCause(failure, ConnectException.class)) {
            return failure;
        }
        return SdkClientException.create(failure.getMessage(), new NeverReached(failure));
    }

    private static String endpoint(SdkHttpRequest request) {
        return request.host() + ":" + request.port();
    }
}
