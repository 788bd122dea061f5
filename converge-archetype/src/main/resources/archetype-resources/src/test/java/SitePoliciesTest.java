package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Program;
import dev.converge.engine.ConvergeException;
import dev.converge.providers.local.LocalProcess;
import dev.converge.providers.local.LocalProvider;
import dev.converge.testing.ConvergeTest;
import org.junit.jupiter.api.Test;

/** The policies let the site through and stop what they are written against. */
class SitePoliciesTest {

    static ConvergeTest kit() {
        return ConvergeTest.with(new LocalProvider()).policies(SitePolicies.all());
    }

    @Test
    void theSiteKeepsEveryPolicy() {
        assertThat(kit().violations(new Site())).isEmpty();
    }

    @Test
    void aProcessWithoutReadinessCheckStopsThePlan() {
        Program unchecked = stack -> stack.add(LocalProcess.of("worker").command("sleep", "60"));

        assertThat(kit().violations(unchecked)).extracting(v -> v.policy() + " " + v.address())
                .containsExactly("readiness-checked worker");
        assertThatThrownBy(() -> kit().plan(unchecked)).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("readiness-checked");
    }
}
