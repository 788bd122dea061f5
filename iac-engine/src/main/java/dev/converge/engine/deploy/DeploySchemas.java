package dev.converge.engine.deploy;

import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Shadow;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import java.util.List;

/**
 * The pure schemas of the strategy types. The template, probes and step settings change in place (an
 * update runs the strategy); the instance type, router image and published port force a new router.
 */
final class DeploySchemas {

    private DeploySchemas() {
    }

    static List<ResourceSchema> all() {
        return List.of(common(BlueGreen.TYPE).build(),
                common(Canary.TYPE)
                        .property(PropertySchema.list("steps").defaultValue(List.of(10L, 50L, 100L))
                                .describedAs("the canary's share per step, in percent, ending with 100"))
                        .property(PropertySchema.number("stepPauseMillis").defaultValue(2000L)
                                .describedAs("how long each step holds before it is verified"))
                        .build(),
                common(Shadow.TYPE)
                        .property(PropertySchema.number("observeMillis").defaultValue(10_000L))
                        .property(PropertySchema.number("maxFailureRatio").defaultValue(0.05))
                        .property(PropertySchema.number("minMirrored").defaultValue(20L))
                        .property(PropertySchema.bool("sharesDataSafely").defaultValue(false)
                                .describedAs("the shadow may mount the stable version's volumes"))
                        .build());
    }

    private static ResourceSchema.Builder common(String type) {
        return ResourceSchema.builder(type)
                .property(PropertySchema.string("instanceType").asRequired().asForceNew()
                        .describedAs("the template's resource type, such as docker:Container"))
                .property(PropertySchema.map("template").asRequired()
                        .describedAs("the inputs of every instance; a change is deployed by the strategy"))
                .property(PropertySchema.number("port").asRequired().describedAs("the port instances listen on"))
                .property(PropertySchema.number("publish").asForceNew().defaultValue(0L)
                        .describedAs("host port of the router; 0 picks a free one"))
                .property(PropertySchema.list("probes").defaultValue(List.of()).describedAs("HTTP verifications"))
                .property(PropertySchema.list("checks").defaultValue(List.of())
                        .describedAs("names of verifications written in Java (VersionCheck)"))
                .property(PropertySchema.string("routerImage").asForceNew())
                .property(PropertySchema.map("router")
                        .describedAs("provider-specific router settings; used from the next deployment on"))
                .output("endpoint")
                .output("previewEndpoint")
                .output("live")
                .output("phase")
                .output("liveInputs")
                .output("instances")
                .output("verification");
    }
}
