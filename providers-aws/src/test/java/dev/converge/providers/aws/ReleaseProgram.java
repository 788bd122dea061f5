package dev.converge.providers.aws;

import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Deployment;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.Shadow;
import java.time.Duration;

/**
 * A service of {@code aws:Ec2Instance}s released by one strategy through Route 53 weighted records in the
 * program's own hosted zone. The instances' user data says how the stand-in server answers for them
 * ({@link InstancesServer}); a new AMI or user data is a new version.
 *
 * @param strategy {@code bluegreen}, {@code canary} or {@code shadow}
 * @param domain the hosted zone's name
 * @param ami the instances' image
 * @param userData the instances' user data, such as {@code ok v1} or {@code broken v2}
 * @param serverUrl the stand-in server, given as the client and preview URLs (DNS does not resolve here)
 */
record ReleaseProgram(String strategy, String domain, String ami, String userData, String serverUrl)
        implements Program {

    static final String SERVICE = "svc";

    ReleaseProgram version(String newAmi, String newUserData) {
        return new ReleaseProgram(strategy, domain, newAmi, newUserData, serverUrl);
    }

    String recordName() {
        return SERVICE + "." + domain;
    }

    @Override
    public void define(Stack stack) {
        var zone = stack.add(Route53Zone.of("zone").zoneName(domain));
        Ec2Instance template = Ec2Instance.of("web").imageId(ami).instanceType("t3.micro").userData(userData);
        HttpProbe probe = HttpProbe.get("/health").requests(3).within(Duration.ofSeconds(10));
        Ref<Deployment.Outputs> service = switch (strategy) {
            case "bluegreen" -> stack.add(routed(BlueGreen.of(SERVICE), zone).service(template).port(8080)
                    .verify(probe));
            case "canary" -> stack.add(routed(Canary.of(SERVICE), zone).service(template).port(8080).verify(probe)
                    .stepPause(Duration.ofMillis(200)));
            case "shadow" -> stack.add(routed(Shadow.of(SERVICE), zone).service(template).port(8080).verify(probe));
            default -> throw new IllegalArgumentException(strategy);
        };
        stack.export("live", service.output(Deployment.Outputs::live));
        stack.export("endpoint", service.output(Deployment.Outputs::endpoint));
    }

    private <S extends Deployment<S>> S routed(S strategy, Ref<Route53Zone.Outputs> zone) {
        return strategy.routerSetting("zoneId", zone.output(Route53Zone.Outputs::zoneId))
                .routerSetting("recordName", recordName()).routerSetting("ttl", 1L)
                .routerSetting("url", serverUrl).routerSetting("previewUrl", serverUrl);
    }
}
