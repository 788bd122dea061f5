package dev.converge.providers.aws;

import dev.converge.spi.ProviderException;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The AWS {@link TrafficRouter}: Route 53 weighted record sets in a hosted zone given as the router
 * setting {@code zoneId}. Each version is its own {@code aws:Ec2Instance}; client traffic is shared by the
 * weights of one record set per version under the service's name, and {@code preview.<name>} points only
 * at the preview version. Each routing is one atomic change batch; {@link #route} returns when Route 53
 * reports it in sync and, when a version loses traffic, after the records' TTL more, so resolvers that
 * cached the old answer have let go of it before the engine stops that version.
 *
 * <p>DNS cannot copy requests: a {@code Shadow} is refused (at validation, see {@link #refuses}). The
 * router keeps no state of its own (its id names zone, record and TTL), so it is thread-safe.
 */
final class Route53Router implements TrafficRouter {

    private final Supplier<AwsClients> aws;

    Route53Router(Supplier<AwsClients> aws) {
        this.aws = aws;
    }

    private Route53Client r53() {
        return aws.get().route53();
    }

    @Override
    public Optional<String> refuses(String strategyType, String instanceType) {
        if (strategyType.endsWith(":Shadow")) {
            return Optional.of("a Shadow release needs a router that copies every request to the new version, and"
                    + " Route 53 (DNS) cannot copy requests; release this service with BlueGreen or Canary, or run it"
                    + " on Docker or Kubernetes, whose routers mirror requests");
        }
        if (!AwsSchemas.EC2_INSTANCE.equals(instanceType)) {
            return Optional.of("the Route 53 router releases " + AwsSchemas.EC2_INSTANCE + " instances, not "
                    + instanceType + "; use an Ec2Instance as the service template");
        }
        return Optional.empty();
    }

    /** Checks the zone and the record name; creates nothing (records appear with the first routing). */
    @Override
    public RouterInfo ensureRouter(RouterRequest request) {
        String zoneId = WeightedRouting.zoneId(request);
        String zoneName = AwsErrors.call("read the hosted zone " + zoneId + " of router " + request.name(),
                () -> r53().getHostedZone(b -> b.id(zoneId)).hostedZone().name());
        WeightedRouting.Target target = WeightedRouting.target(request, zoneName);
        return new RouterInfo(target.id(), WeightedRouting.endpoint(request, target),
                WeightedRouting.previewEndpoint(request, target));
    }

    @Override
    public void route(RouteRequest request) {
        WeightedRouting.Target target = WeightedRouting.Target.parse(request.routerId());
        if (request.mirror().isPresent()) {
            // Keep clients on what the request routes, without the copy DNS cannot make, then refuse.
            apply(target, new RouteRequest(request.routerId(), request.backends(), request.preview(),
                    Optional.empty(), request.timeout()));
            throw ProviderException.fatal("router " + target.recordName() + ": " + refuses("deploy:Shadow",
                    AwsSchemas.EC2_INSTANCE).orElseThrow() + ". Client traffic stays as it was.");
        }
        apply(target, request);
    }

    private void apply(WeightedRouting.Target target, RouteRequest request) {
        List<ResourceRecordSet> current = current(target);
        List<ResourceRecordSet> desired = WeightedRouting.desired(target, request, current);
        submit(target, WeightedRouting.changes(current, desired), "route " + request.backends());
        long drain = WeightedRouting.drainSeconds(current, desired);
        if (drain > 0) {
            sleep(drain * 1000, target);
        }
    }

    /** The router's record sets as Route 53 has them now. */
    List<ResourceRecordSet> current(WeightedRouting.Target target) {
        List<ResourceRecordSet> listed = new ArrayList<>();
        for (String name : List.of(target.recordName(), target.previewName())) {
            listed.addAll(AwsErrors.call("list the records " + name + " in hosted zone " + target.zoneId(),
                    () -> r53().listResourceRecordSets(b -> b.hostedZoneId(target.zoneId()).startRecordName(name)
                            .maxItems("100")).resourceRecordSets()));
        }
        Map<String, ResourceRecordSet> unique = new LinkedHashMap<>();
        WeightedRouting.owned(target, listed).forEach(set -> unique.put(set.name() + "|" + set.typeAsString() + "|"
                + set.setIdentifier(), set));
        return List.copyOf(unique.values());
    }

    private void submit(WeightedRouting.Target target, List<Change> changes, String what) {
        if (changes.isEmpty()) {
            return;
        }
        AwsErrors.run("router " + target.recordName() + ": " + what + " in hosted zone " + target.zoneId(), () -> {
            String changeId = r53().changeResourceRecordSets(b -> b.hostedZoneId(target.zoneId())
                    .changeBatch(c -> c.comment("converge " + what).changes(changes))).changeInfo().id();
            r53().waiter().waitUntilResourceRecordSetsChanged(b -> b.id(changeId), Waits.standard());
        });
    }

    @Override
    public MirrorStats mirrorStats(String routerId) {
        throw ProviderException.fatal("router " + WeightedRouting.Target.parse(routerId).recordName() + ": "
                + refuses("deploy:Shadow", AwsSchemas.EC2_INSTANCE).orElseThrow());
    }

    /** Deletes the router's weighted and preview records; a zone or records already gone are fine. */
    @Override
    public void deleteRouter(String routerId) {
        WeightedRouting.Target target = WeightedRouting.Target.parse(routerId);
        List<ResourceRecordSet> current;
        try {
            current = current(target);
        } catch (ProviderException e) {
            if (e.getCause() instanceof AwsServiceException service && AwsErrors.notFound(service)) {
                return;
            }
            throw e;
        }
        submit(target, current.stream().map(set -> Change.builder().action(ChangeAction.DELETE)
                .resourceRecordSet(set).build()).toList(), "delete the records");
    }

    /** The template named and tagged for one version: its {@code Name} tag is {@code instanceName}. */
    @Override
    public Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName) {
        Map<String, Object> inputs = new LinkedHashMap<>(template);
        Map<String, Object> tags = new LinkedHashMap<>(Values.mapOf(template, "tags"));
        tags.put("Name", instanceName);
        inputs.put("tags", tags);
        return AwsSchemas.of(AwsSchemas.EC2_INSTANCE).withDefaults(Values.normalizeMap(inputs));
    }

    /** The instance's public IP when it has one, else its private IP, with the service's port. */
    @Override
    public String backendAddress(Map<String, Object> instanceOutputs, Map<String, Object> template, int port) {
        String ip = Optional.ofNullable(Values.string(instanceOutputs, "publicIp"))
                .orElse(Values.string(instanceOutputs, "privateIp"));
        if (ip == null || ip.isBlank()) {
            throw ProviderException.fatal("instance " + Values.string(instanceOutputs, "instanceId") + " has no IP"
                    + " address, so no DNS record can point at it; launch it in a subnet that assigns addresses");
        }
        return ip + ":" + port;
    }

    private static void sleep(long millis, WeightedRouting.Target target) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable("interrupted while resolvers let go of the old answers of "
                    + target.recordName(), e);
        }
    }
}
