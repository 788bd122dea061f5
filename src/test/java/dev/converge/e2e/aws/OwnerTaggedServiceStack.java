package dev.converge.e2e.aws;

import dev.converge.api.Address;
import dev.converge.api.Config;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import dev.converge.examples.aws.AwsServiceStack;
import dev.converge.providers.aws.S3Bucket;

/**
 * The AWS example {@link AwsServiceStack} exactly as shipped, except that its {@code uploads} bucket
 * carries one more tag, {@code owner}, taken from the stack config key {@code e2e.owner}: changing that
 * key is a user editing exactly one tag of one resource (the example's own {@code team} key tags six).
 */
final class OwnerTaggedServiceStack implements Program {

    static final String OWNER_KEY = "e2e.owner";
    static final String BUCKET = "uploads";

    @Override
    public void define(Stack stack) {
        new AwsServiceStack().define(new TaggingStack(stack, stack.config().get(OWNER_KEY, "team-a")));
    }

    /** Delegates everything, adding the owner tag to the uploads bucket on its way in. */
    private record TaggingStack(Stack delegate, String owner) implements Stack {

        @Override
        public <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource) {
            if (resource instanceof S3Bucket bucket && BUCKET.equals(bucket.name())) {
                @SuppressWarnings("unchecked") // S is S3Bucket here: tag() returns the same type
                S tagged = (S) bucket.tag("owner", owner);
                return delegate.add(tagged);
            }
            return delegate.add(resource);
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public void export(String name, Object value) {
            delegate.export(name, value);
        }

        @Override
        public Address path() {
            return delegate.path();
        }

        @Override
        public Scope component(String name) {
            return delegate.component(name);
        }

        @Override
        public Config config() {
            return delegate.config();
        }
    }
}
