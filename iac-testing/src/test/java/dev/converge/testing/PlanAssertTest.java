package dev.converge.testing;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Program;
import dev.converge.engine.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAssertTest {

    private static Plan planOf(String image) {
        Program program = stack -> {
            stack.add(DemoProviders.container("web", image).set("memory", 64));
            stack.add(DemoProviders.container("worker", "shop/worker:1").set("memory", 64));
        };
        return ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker())).plan(program);
    }

    @Test
    void failuresNameTheExpectationAndListThePlan() {
        Plan plan = planOf("shop/web:1");

        assertThatThrownBy(() -> assertThat(plan).replaces("web")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected REPLACE of web but the plan has CREATE")
                .hasMessageContaining("CREATE worker (docker:Container)");
        assertThatThrownBy(() -> assertThat(plan).creates("nothing")).hasMessageContaining("no change for it");
        assertThatThrownBy(() -> assertThat(plan).hasNoChanges()).hasMessageContaining("2 to add");
        assertThatThrownBy(() -> assertThat(plan).resource("web").hasProperty("image", "shop/web:2"))
                .hasMessageContaining("expected web.image to be <shop/web:2> but it is <shop/web:1>");
        assertThatThrownBy(() -> assertThat(plan).resource("web").hasProperty("cpus", 1))
                .hasMessageContaining("to have property cpus");
        assertThatThrownBy(() -> assertThat(plan).hasResourceCount(3)).hasMessageContaining("expected 3 resources");
    }

    @Test
    void snapshotIsWrittenFirstAndThenComparedWithAReadableDiff(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans/web.txt");

        assertThat(planOf("shop/web:1")).matchesSnapshot(file);
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("create web (docker:Container)")
                .contains("image = \"shop/web:1\"").doesNotContain("lineage");
        assertThat(planOf("shop/web:1")).matchesSnapshot(file);

        assertThatThrownBy(() -> assertThat(planOf("shop/web:2")).matchesSnapshot(file))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the plan differs from the snapshot")
                .hasMessageContaining("-     image = \"shop/web:1\"")
                .hasMessageContaining("+     image = \"shop/web:2\"")
                .hasMessageContaining("  create worker");
    }
}
