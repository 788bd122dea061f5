package dev.converge.providers.aws;

import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.FindOwnedResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadManyResponse;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.deploy.MirrorStats;
import dev.converge.spi.deploy.RouteRequest;
import dev.converge.spi.deploy.RouterInfo;
import dev.converge.spi.deploy.RouterRequest;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The real {@link AwsProvider}, with its traffic router wrapped so that after every routing the test reads
 * the service's records back from moto (with its own client, not the router's code) and keeps them as a
 * line such as {@code blue=90 green=10 preview=green}.
 */
final class ObservedAws implements Provider {

    private final AwsProvider aws = new AwsProvider();
    private final AwsClients reader;
    private final String domain;
    private final String recordName;
    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    ObservedAws(AwsClients reader, String domain, String recordName) {
        this.reader = reader;
        this.domain = WeightedRouting.fqdn(domain);
        this.recordName = WeightedRouting.fqdn(recordName);
    }

    /** The routing after each route call, oldest first. */
    List<String> steps() {
        return List.copyOf(steps);
    }

    /** The service's weighted records and preview as they are in moto now. */
    String observe() {
        Optional<String> zoneId = reader.route53().listHostedZones().hostedZones().stream()
                .filter(zone -> zone.name().equals(domain)).map(zone -> zone.id()).findFirst();
        if (zoneId.isEmpty()) {
            return "no zone";
        }
        List<ResourceRecordSet> sets = reader.route53().listResourceRecordSets(b -> b.hostedZoneId(zoneId.get()))
                .resourceRecordSets();
        Map<String, Long> weights = new TreeMap<>();
        String preview = "";
        for (ResourceRecordSet set : sets) {
            String name = WeightedRouting.fqdn(set.name());
            if (name.equals(recordName) && set.setIdentifier() != null) {
                weights.put(set.setIdentifier(), set.weight());
            } else if (name.equals(WeightedRouting.PREVIEW_PREFIX + recordName)) {
                preview = " preview=" + versionAt(set.resourceRecords().get(0).value());
            }
        }
        StringBuilder line = new StringBuilder();
        weights.forEach((version, weight) -> line.append(line.length() == 0 ? "" : " ").append(version).append('=')
                .append(weight));
        return (line + preview).strip();
    }

    /** The version (the suffix of its Name tag) of the running instance at {@code ip}. */
    private String versionAt(String ip) {
        return reader.ec2().describeInstances(b -> b.filters(f -> f.name("instance-state-name").values("running")))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> ip.equals(i.publicIpAddress()) || ip.equals(i.privateIpAddress()))
                .map(ObservedAws::name).map(name -> name.substring(name.lastIndexOf('-') + 1)).findFirst()
                .orElse("nothing at " + ip);
    }

    private static String name(Instance instance) {
        return instance.tags().stream().filter(tag -> tag.key().equals("Name")).map(tag -> tag.value()).findFirst()
                .orElse("?");
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        Optional<T> real = aws.extension(type);
        if (type != TrafficRouter.class || real.isEmpty()) {
            return real;
        }
        TrafficRouter router = (TrafficRouter) real.get();
        return Optional.of(type.cast(new TrafficRouter() {
            @Override
            public Optional<String> refuses(String strategyType, String instanceType) {
                return router.refuses(strategyType, instanceType);
            }

            @Override
            public RouterInfo ensureRouter(RouterRequest request) {
                return router.ensureRouter(request);
            }

            @Override
            public void route(RouteRequest request) {
                try {
                    router.route(request);
                } finally {
                    steps.add(observe());
                }
            }

            @Override
            public MirrorStats mirrorStats(String routerId) {
                return router.mirrorStats(routerId);
            }

            @Override
            public void deleteRouter(String routerId) {
                router.deleteRouter(routerId);
            }

            @Override
            public Map<String, Object> instanceInputs(Map<String, Object> template, String instanceName) {
                return router.instanceInputs(template, instanceName);
            }

            @Override
            public String backendAddress(Map<String, Object> outputs, Map<String, Object> template, int port) {
                return router.backendAddress(outputs, template, port);
            }
        }));
    }

    @Override
    public String name() {
        return aws.name();
    }

    @Override
    public Collection<ResourceSchema> schemas() {
        return aws.schemas();
    }

    @Override
    public void configure(ConfigureRequest request) {
        aws.configure(request);
    }

    @Override
    public ValidateResponse validate(ValidateRequest request) {
        return aws.validate(request);
    }

    @Override
    public DiffResponse diff(DiffRequest request) {
        return aws.diff(request);
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        return aws.create(request);
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        return aws.read(request);
    }

    @Override
    public ReadManyResponse readMany(ReadManyRequest request) {
        return aws.readMany(request);
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        return aws.update(request);
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        return aws.delete(request);
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        return aws.importResource(request);
    }

    @Override
    public FindOwnedResponse findOwned(FindOwnedRequest request) {
        return aws.findOwned(request);
    }

    @Override
    public void close() {
        aws.close();
    }
}
