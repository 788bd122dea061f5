package dev.converge.testing.tangled.billing;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.testing.tangled.shipping.ShippingStack;
import software.amazon.awssdk.services.s3.S3Client;

/** Deliberately tangled: calls the AWS SDK, depends on shipping which depends back, declares too much in one method. */
public final class BillingStack implements Program {

    static final String QUEUE = "billing-events";

    @Override
    public void define(Stack stack) {
        S3Client.create().createBucket("billing-side-channel");
        stack.add(GenericResource.of("aws:SqsQueue", QUEUE));
        stack.add(GenericResource.of("aws:SqsQueue", "billing-dlq"));
        stack.add(GenericResource.of("aws:S3Bucket", "invoices"));
        stack.add(GenericResource.of("aws:DynamoDbTable", "ledger"));
        stack.add(GenericResource.of("aws:LogGroup", "billing"));
        ShippingStack.declareLabels(stack);
    }

    public static String queue() {
        return QUEUE + ShippingStack.TOPIC;
    }

    void one() {
    }

    void two() {
    }

    void three() {
    }
}
