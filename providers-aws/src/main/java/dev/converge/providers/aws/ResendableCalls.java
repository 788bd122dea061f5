package dev.converge.providers.aws;

import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Knows whether the call this thread is sending may be sent again after a server error, for the SDK's retry
 * decision ({@link AwsClients}): a read, or a write that sets an object's whole attribute or tag set, has the
 * same effect sent twice. A create is not among them: a 503 may come from a create the service carried out, so
 * the engine retries it as a whole, where the retried create can find the object the first one made.
 *
 * <p>A thread-local is the only way to hand the request to the retry strategy's predicate, which sees the
 * exception alone; the sync clients run the whole execution, retries included, on the caller's thread.
 */
final class ResendableCalls implements ExecutionInterceptor {

    private static final ThreadLocal<Boolean> CURRENT = new ThreadLocal<>();
    private static final Set<String> READS = Set.of("Get", "Head", "List", "Describe");
    private static final Set<String> OVERWRITING_WRITES = Set.of("PutBucketTagging", "PutBucketVersioning",
            "PutBucketPolicy", "PutBucketEncryption", "PutPublicAccessBlock", "PutBucketLifecycleConfiguration",
            "SetQueueAttributes", "TagQueue", "UntagQueue", "SetTopicAttributes", "SetSubscriptionAttributes",
            "TagResource", "UntagResource", "PutRetentionPolicy", "TagLogGroup", "CreateTags", "DeleteTags");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CURRENT.set(resendable(operation(context.request().getClass().getSimpleName())));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        CURRENT.remove();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        CURRENT.remove();
    }

    /** Whether the call in flight on this thread may be sent again. */
    static boolean current() {
        return Boolean.TRUE.equals(CURRENT.get());
    }

    static boolean resendable(String operation) {
        return OVERWRITING_WRITES.contains(operation) || READS.stream().anyMatch(verb -> startsWithWord(operation, verb));
    }

    private static String operation(String requestClass) {
        return requestClass.endsWith("Request") ? requestClass.substring(0, requestClass.length() - "Request".length())
                : requestClass;
    }

    /** "GetQueueUrl" starts with the verb "Get"; "Getaway" would not. */
    private static boolean startsWithWord(String operation, String verb) {
        return operation.startsWith(verb)
                && (operation.length() == verb.length() || Character.isUpperCase(operation.charAt(verb.length())));
    }
}
