package dev.converge.deploy;

import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.api.Stack;
import dev.converge.api.deploy.BlueGreen;
import dev.converge.api.deploy.Canary;
import dev.converge.api.deploy.Deployment;
import dev.converge.api.deploy.HttpProbe;
import dev.converge.api.deploy.Shadow;
import dev.converge.providers.docker.DockerContainer;
import dev.converge.providers.docker.DockerNetwork;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A test service released by one strategy: busybox httpd whose CGI {@code /cgi-bin/app} answers its
 * version (or 500 for {@code failPercent} of requests), and {@code /cgi-bin/health} answers 200 until the
 * service is broken ({@code brokenAfterSeconds}: 0 = from the start, negative = never).
 */
record DeployProgram(String strategy, String version, int failPercent, int brokenAfterSeconds,
        UnaryOperator<Canary> canary, UnaryOperator<Shadow> shadow) implements Program {

    static final String APP = "/cgi-bin/app";

    static DeployProgram of(String strategy, String version) {
        return new DeployProgram(strategy, version, 0, -1, c -> c, s -> s);
    }

    DeployProgram failing(int percent) {
        return new DeployProgram(strategy, version, percent, brokenAfterSeconds, canary, shadow);
    }

    DeployProgram brokenAfter(int seconds) {
        return new DeployProgram(strategy, version, failPercent, seconds, canary, shadow);
    }

    DeployProgram canary(UnaryOperator<Canary> settings) {
        return new DeployProgram(strategy, version, failPercent, brokenAfterSeconds, settings, shadow);
    }

    DeployProgram shadow(UnaryOperator<Shadow> settings) {
        return new DeployProgram(strategy, version, failPercent, brokenAfterSeconds, canary, settings);
    }

    @Override
    public void define(Stack stack) {
        var net = stack.add(DockerNetwork.of("net"));
        DockerContainer template = DockerContainer.of("web").image("converge/busybox:1").init(true)
                .env("APP", "#!/bin/sh\nif [ -f /tmp/broken ] || [ $((RANDOM % 100)) -lt " + failPercent + " ]; then\n"
                        + "  printf 'HTTP/1.0 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nfailed'\n"
                        + "else\n  printf 'Content-Type: text/plain\\r\\n\\r\\n" + version + "'\nfi\n")
                .env("HEALTH", "#!/bin/sh\nif [ -f /tmp/broken ]; then\n"
                        + "  printf 'HTTP/1.0 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbroken'\n"
                        + "else\n  printf 'Content-Type: text/plain\\r\\n\\r\\nok'\nfi\n")
                .command("sh", "-c", "mkdir -p /www/cgi-bin && printf '%s' \"$APP\" > /www/cgi-bin/app"
                        + " && printf '%s' \"$HEALTH\" > /www/cgi-bin/health && chmod +x /www/cgi-bin/*"
                        + breakCommand() + " && exec httpd -f -p 80 -h /www")
                .network(net);
        HttpProbe probe = HttpProbe.get("/cgi-bin/health").requests(10).within(Duration.ofSeconds(10));
        Ref<Deployment.Outputs> service = switch (strategy) {
            case "bluegreen" -> stack.add(BlueGreen.of("svc").service(template).port(80).verify(probe));
            case "canary" -> stack.add(canary.apply(Canary.of("svc").service(template).port(80).verify(probe)));
            case "shadow" -> stack.add(shadow.apply(Shadow.of("svc").service(template).port(80).verify(probe)));
            default -> throw new IllegalArgumentException(strategy);
        };
        stack.export("endpoint", service.output(Deployment.Outputs::endpoint));
        stack.export("live", service.output(Deployment.Outputs::live));
        stack.export("verification", service.output(Deployment.Outputs::verification));
    }

    private String breakCommand() {
        if (brokenAfterSeconds < 0) {
            return "";
        }
        if (brokenAfterSeconds == 0) {
            return " && touch /tmp/broken";
        }
        return " && { (sleep " + brokenAfterSeconds + "; touch /tmp/broken) & }";
    }
}
