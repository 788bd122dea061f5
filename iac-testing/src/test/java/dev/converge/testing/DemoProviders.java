package dev.converge.testing;

import dev.converge.api.Declaration;
import dev.converge.api.GenericResource;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;

/**
 * Stand-ins for real providers in the kit's own tests (the kit must not depend on the providers):
 * fake providers whose type and property names follow Docker's, Kubernetes' and AWS's.
 */
final class DemoProviders {

    private DemoProviders() {
    }

    static FakeProvider docker() {
        return FakeProvider.named("docker")
                .withSchema(ResourceSchema.builder("docker:Container")
                        .property(PropertySchema.string("image").asRequired().asForceNew())
                        .property(PropertySchema.string("name").asComputed().asForceNew())
                        .property(PropertySchema.map("env").asForceNew())
                        .property(PropertySchema.number("memory"))
                        .property(PropertySchema.list("networks"))
                        .output("ipAddress")
                        .output("publishedPorts")
                        .build())
                .withSchema(ResourceSchema.builder("docker:Network")
                        .property(PropertySchema.string("name").asComputed().asForceNew())
                        .output("subnet")
                        .build())
                .withSchema(ResourceSchema.builder("docker:Volume")
                        .property(PropertySchema.string("name").asComputed().asForceNew())
                        .build());
    }

    static FakeProvider aws() {
        return FakeProvider.named("aws").withSchema(ResourceSchema.builder("aws:S3Bucket")
                .property(PropertySchema.string("bucket").asForceNew())
                .property(PropertySchema.bool("blockPublicAccess"))
                .property(PropertySchema.bool("versioning").defaultValue(false))
                .output("arn")
                .build());
    }

    static FakeProvider k8s() {
        return FakeProvider.named("k8s").withSchema(ResourceSchema.builder("k8s:Deployment")
                .property(PropertySchema.map("spec"))
                .output("uid")
                .build());
    }

    static GenericResource container(String name, String image) {
        return GenericResource.of("docker:Container", name).set("image", image);
    }

    static Declaration unused() {
        return Declaration.of("docker:Container", "x");
    }
}
