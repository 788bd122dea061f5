package dev.converge.examples.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Config;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import dev.converge.api.Unknown;
import dev.converge.providers.aws.AwsSchemas;
import dev.converge.spi.SchemaChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The AWS example declares the promised resources, wired by outputs, and each passes its schema. */
class AwsServiceStackTest {

    /** A stack that records declarations, enough to inspect a program without the engine. */
    private static final class Recorder implements Stack {
        final Map<Address, Declaration> declared = new LinkedHashMap<>();
        final Map<String, Object> exports = new LinkedHashMap<>();

        @Override
        public String name() {
            return "dev";
        }

        @Override
        public void export(String name, Object value) {
            exports.put(name, value);
        }

        @Override
        public Address path() {
            return Address.root();
        }

        @Override
        public <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource) {
            Address address = Address.of(resource.name());
            declared.put(address, resource.declaration());
            return Ref.of(address, resource.declaration().type(), resource::outputs);
        }

        @Override
        public Scope component(String name) {
            throw new UnsupportedOperationException("the example uses no components");
        }

        @Override
        public Config config() {
            return new Config() {
                @Override
                public String stack() {
                    return "dev";
                }

                @Override
                public Optional<String> get(String key) {
                    return Optional.empty();
                }

                @Override
                public String require(String key) {
                    return "";
                }

                @Override
                public Map<String, String> asMap() {
                    return Map.of();
                }
            };
        }
    }

    /** Outputs of resources not yet created are unknown at plan time, as the engine validates them. */
    private static Map<String, Object> asPlanned(Map<String, Object> properties) {
        Map<String, Object> planned = new LinkedHashMap<>(properties);
        planned.replaceAll((key, value) -> value instanceof Output<?> ? Unknown.INSTANCE : value);
        return planned;
    }

    @Test
    void declaresTheServiceResources() {
        Recorder stack = new Recorder();
        new AwsServiceStack().define(stack);
        assertThat(stack.declared.values()).extracting(Declaration::type).containsExactly(
                "aws:S3Bucket", "aws:DynamoDbTable", "aws:SqsQueue", "aws:SnsTopic", "aws:SqsQueue",
                "aws:SnsSubscription", "aws:IamRole", "aws:IamPolicy", "aws:IamRolePolicyAttachment");
        for (var entry : stack.declared.entrySet()) {
            assertThat(SchemaChecks.validate(AwsSchemas.of(entry.getValue().type()), entry.getKey(),
                    asPlanned(entry.getValue().properties()))).as(entry.getKey().toString()).isEmpty();
        }
        assertThat(stack.declared.get(Address.of("uploads")).properties()).containsEntry("bucket", "shop-dev-uploads");
        assertThat(stack.exports).containsOnlyKeys("bucket", "queueUrl", "topicArn", "roleArn");
    }

    @Test
    void queueAndSubscriptionAndPolicyDependOnTheirTargets() {
        Recorder stack = new Recorder();
        new AwsServiceStack().define(stack);
        Output<?> dlq = (Output<?>) stack.declared.get(Address.of("orders-queue")).properties().get("deadLetterTargetArn");
        assertThat(dlq.dependencies()).containsExactly(Address.of("orders-dlq"));
        Output<?> endpoint = (Output<?>) stack.declared.get(Address.of("events-to-queue")).properties().get("endpoint");
        assertThat(endpoint.dependencies()).containsExactly(Address.of("orders-queue"));
        Output<?> policy = (Output<?>) stack.declared.get(Address.of("orders-queue")).properties().get("policy");
        assertThat(policy.dependencies()).as("the queue policy names the topic").containsExactly(Address.of("order-events"));
        Output<?> document = (Output<?>) stack.declared.get(Address.of("service-policy")).properties().get("document");
        assertThat(document.dependencies()).containsExactlyInAnyOrder(Address.of("uploads"), Address.of("orders"),
                Address.of("orders-queue"), Address.of("order-events"));
    }
}
