package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@link ProviderContract} against {@link BoxProvider} ({@link BoxContracts}): a provider that keeps
 * the contract passes every check, and each planted bug fails the check that is about it.
 */
class ProviderContractSelfTest {

    /** The outcome of each contract check, by method name, and the failures' messages. */
    private record Outcomes(Map<String, TestExecutionResult.Status> byTest, Map<String, String> messages) {
        List<String> failed() {
            return byTest.entrySet().stream().filter(e -> e.getValue() != TestExecutionResult.Status.SUCCESSFUL)
                    .map(Map.Entry::getKey).sorted().toList();
        }
    }

    private static Outcomes run(Class<? extends BoxContracts.BoxContract> contract) {
        Map<String, TestExecutionResult.Status> byTest = new ConcurrentHashMap<>();
        Map<String, String> messages = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    String method = test.getLegacyReportingName().replaceAll("\\(.*", "");
                    byTest.merge(method, result.getStatus(), (a, b) -> a == TestExecutionResult.Status.SUCCESSFUL ? b : a);
                    result.getThrowable().ifPresent(e -> messages.merge(method, String.valueOf(e.getMessage()),
                            (a, b) -> a + "\n" + b));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .build(), listener);
        return new Outcomes(byTest, messages);
    }

    @Test
    void aProviderThatKeepsTheContractPassesEveryCheck() {
        Outcomes outcomes = run(BoxContracts.Healthy.class);
        assertThat(outcomes.byTest()).hasSize(7);
        assertThat(outcomes.failed()).as(outcomes.messages().toString()).isEmpty();
    }

    @Test
    void eachPlantedBugFailsItsCheck() {
        assertThat(run(BoxContracts.DeleteTwiceFails.class).failed()).containsExactly("deletingAnObjectThatIsAlreadyGoneSucceeds");
        assertThat(run(BoxContracts.DiffReadsTheBackend.class).failed()).containsExactly("diffIsPureAndDeterministic");
        assertThat(run(BoxContracts.FindOwnedMisses.class).failed()).containsExactly("findOwnedFindsWhatCreateMade");
        assertThat(run(BoxContracts.ImportLosesSize.class).failed()).containsExactly("importOfWhatCreateMadeReadsBackTheSameInputs");
        assertThat(run(BoxContracts.UpdateAddsATag.class).failed())
                .containsExactly("anUpdateInPlaceIsReadBack", "anUpdateToIdenticalInputsChangesNothing");
    }

    @Test
    void anObjectADeleteLeftBehindFailsEveryTestThatDeletes() {
        Outcomes outcomes = run(BoxContracts.DeleteKeepsTheObject.class);
        assertThat(outcomes.failed()).hasSize(7);
        assertThat(outcomes.messages().get("diffIsPureAndDeterministic")).contains("objects the test left behind");
    }
}
