package dev.converge.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.e2e.PlanChanges;
import dev.converge.examples.aws.AwsServiceStack;
import dev.converge.providers.aws.AwsProvider;
import dev.converge.testing.ConvergeTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's contract (issue 8) for the AWS example: the in-memory plan, from the AWS provider's own
 * schema and diff code, equals the plan against moto, for the first apply and for a change after it.
 * Ids and computed values (ARNs, queue URLs) are left out: moto's differ from the kit's placeholders by
 * design; the actions, the declared values and every property diff must be the same.
 */
class KitMatchesMotoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void resetMoto() {
        MotoServer.reset();
    }

    @Test
    void theKitPlansExactlyWhatMotoPlans() throws Exception {
        ConvergeTest kit = ConvergeTest.with(new AwsProvider()).stack("dev");
        Map<String, String> v1 = Map.of("team", "platform");
        assertThat(PlanChanges.of(kit.config(v1).plan(new AwsServiceStack()))).isEqualTo(real(v1, "plan", "--json"));

        assertThat(kit.config(v1).apply(new AwsServiceStack()).result().succeeded()).isTrue();
        MotoServer.writeStackConfig(dir, "dev", true, v1);
        AwsCliRun apply = AwsCliRun.of(new AwsServiceStack(), dir, Map.of(), "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();

        Map<String, String> v2 = Map.of("team", "payments");
        String inMemory = PlanChanges.of(kit.config(v2).plan(new AwsServiceStack()));
        String real = real(v2, "plan", "--json");
        assertThat(inMemory).isEqualTo(real);
        assertThat(real).contains("\"action\":\"update\"").contains("payments");
    }

    private String real(Map<String, String> config, String... args) throws Exception {
        MotoServer.writeStackConfig(dir, "dev", true, config);
        AwsCliRun run = AwsCliRun.of(new AwsServiceStack(), dir, Map.of(), args);
        assertThat(run.exitCode()).as(run.all()).isZero();
        return PlanChanges.of(JSON.readTree(run.out()).get("changes"));
    }
}
