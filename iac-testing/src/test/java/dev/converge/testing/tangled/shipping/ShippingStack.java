package dev.converge.testing.tangled.shipping;

import dev.converge.api.GenericResource;
import dev.converge.api.Scope;
import dev.converge.testing.tangled.billing.BillingStack;

/** The other half of the tangle: depends back on billing. */
public final class ShippingStack {

    public static final String TOPIC = "shipping";

    private ShippingStack() {
    }

    public static void declareLabels(Scope scope) {
        scope.add(GenericResource.of("aws:SnsTopic", TOPIC).set("subscribes", BillingStack.queue()));
    }
}
