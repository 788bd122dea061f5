package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.testing.RequiredServer;
import dev.converge.testing.wire.ErrorStyle;
import dev.converge.testing.wire.FaultProxy;
import dev.converge.testing.wire.RetryAfterHeader;
import dev.converge.testing.wire.WireChecks;
import dev.converge.testing.wire.WireFaults;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applies through a {@link FaultProxy} in front of moto, one kind of fault per test: a stack of 21 AWS objects is
 * created, then changed (updates, deletes, creates, with a refresh first), each apply through the faults. Each
 * must succeed with nothing failed; afterwards moto, asked directly, holds every declared object exactly once
 * (a reset after the backend did the work made no duplicate), and a plan against moto directly is empty. Each
 * test also checks that its faults were injected and retried.
 */
class WireFaultsIT {

    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    @TempDir
    Path dir;

    /** The shared faults, and AWS's own: Retry-After as a date, and the services' throttling error codes. */
    static Stream<Arguments> faults() {
        Map<String, WireFaults> aws = new LinkedHashMap<>();
        aws.put("25% 429 with Retry-After as a date", WireFaults.none().withStatus(0.25, 429,
                RetryAfterHeader.date(Duration.ofSeconds(1))));
        aws.put("25% AWS throttling errors (SlowDown, RequestLimitExceeded, Throttling...)",
                WireFaults.none().withThrottling(0.25, RetryAfterHeader.none()));
        return WireChecks.faults(30, aws);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void appliesThroughTheFaultsFailNothingAndDuplicateNothing(String name, WireFaults faults) throws IOException {
        Moto.reset();
        URI moto = URI.create(Moto.endpoint());
        WireStack stack = new WireStack("w" + UUID.randomUUID().toString().substring(0, 6));
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (FaultProxy proxy = FaultProxy.to(moto.getHost(), moto.getPort()).style(ErrorStyle.AWS).faults(faults)
                .start(); AwsClients direct = Moto.clients()) {
            for (int version = 1; version <= 2; version++) {
                proxy.faults(faults); // the outage's request count starts afresh for each apply
                ApplyResult result = apply(stack, version, proxy.url(), events);
                assertThat(result.failures()).as("%s, v%d: failed resources", name, version).isEmpty();
                assertThat(result.status()).as(name).isEqualTo(ApplyResult.Status.APPLIED);
                assertThat(stack.counts(direct)).as("%s, v%d: each declared object once in moto, no duplicate",
                        name, version).isEqualTo(stack.expected(version));
            }
            Plan next = plan(stack, 2, moto.toString());
            assertThat(next.summary().isEmpty()).as("%s: the plan against moto directly is empty: %s", name,
                    next.changes()).isTrue();
            System.out.printf("WIRE FAULTS [%s]: %s%n", name, WireChecks.summary(proxy, events));
            WireChecks.assertFaultsMet(name, faults, proxy, events, true); // AwsClients: the SDK retries safe calls
        }
    }

    private ApplyResult apply(WireStack stack, int version, String endpoint, List<EngineEvent> events)
            throws IOException {
        try (StackEngine engine = engine(stack, version, endpoint, events)) {
            return engine.apply(ApplyRequest.normal());
        }
    }

    private Plan plan(WireStack stack, int version, String endpoint) throws IOException {
        try (StackEngine engine = engine(stack, version, endpoint, new CopyOnWriteArrayList<>())) {
            return engine.plan(PlanRequest.normal());
        }
    }

    private StackEngine engine(WireStack stack, int version, String endpoint, List<EngineEvent> events)
            throws IOException {
        Files.writeString(dir.resolve("converge." + stack.stack() + ".properties"), "aws.region=us-east-1\n"
                + "aws.accessKeyId=testing\naws.secretAccessKey=testing\naws.endpoint=" + endpoint + "\n");
        return Converge.engine(stack.version(version)).stack(stack.stack()).workDir(dir).serviceLoader(false)
                .providers(new AwsProvider()).environment(Map.of()).releaseLog(false)
                .listener(events::add).build();
    }
}
