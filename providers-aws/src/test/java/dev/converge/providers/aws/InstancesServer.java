package dev.converge.providers.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Plays the EC2 instances for the probes, since moto's instances run nothing and DNS names do not resolve
 * here. A request for {@code /health} is answered as the instance that {@code preview.<record>} points at
 * in moto would answer, by its user data: {@code ok ...} 200; {@code broken ...} 500;
 * {@code breaks-after N ...} 200 for its first N health requests, then 500. No preview record: 503.
 */
final class InstancesServer implements AutoCloseable {

    private final AwsClients aws;
    private final String zoneName;
    private final String previewName;
    private final HttpServer server;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    InstancesServer(AwsClients aws, String domain, String recordName) throws IOException {
        this.aws = aws;
        this.zoneName = WeightedRouting.fqdn(domain);
        this.previewName = WeightedRouting.PREVIEW_PREFIX + WeightedRouting.fqdn(recordName);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        int status;
        String body;
        try {
            Optional<Instance> instance = previewIp().flatMap(this::instanceAt);
            status = instance.map(this::status).orElse(503);
            body = instance.map(Instance::instanceId).orElse("no preview record");
        } catch (RuntimeException e) {
            status = 502;
            body = e.toString();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int status(Instance instance) {
        String userData = userData(instance.instanceId());
        int count = served.computeIfAbsent(instance.instanceId(), id -> new AtomicInteger()).incrementAndGet();
        if (userData.startsWith("ok")) {
            return 200;
        }
        if (userData.startsWith("breaks-after ")) {
            return count <= Integer.parseInt(userData.split(" ")[1]) ? 200 : 500;
        }
        return 500;
    }

    private Optional<String> previewIp() {
        String zoneId = aws.route53().listHostedZones().hostedZones().stream()
                .filter(zone -> zone.name().equals(zoneName)).findFirst().orElseThrow().id();
        return aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(set -> WeightedRouting.fqdn(set.name()).equals(previewName))
                .map(ResourceRecordSet::resourceRecords).filter(records -> !records.isEmpty())
                .map(records -> records.get(0).value()).findFirst();
    }

    private Optional<Instance> instanceAt(String ip) {
        return aws.ec2().describeInstances(b -> b.filters(f -> f.name("instance-state-name").values("running")))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> ip.equals(i.publicIpAddress()) || ip.equals(i.privateIpAddress())).findFirst();
    }

    private String userData(String instanceId) {
        String encoded = aws.ec2().describeInstanceAttribute(b -> b.instanceId(instanceId).attribute("userData"))
                .userData().value();
        return encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
