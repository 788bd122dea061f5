package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.AssertionFailedError;

class RequiredServerTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** A server of its own per test: the skip line is printed once per variable and JVM. */
    private static RequiredServer database(String variable) {
        return RequiredServer.of("test database", variable, "scripts/start-db.sh");
    }

    @Test
    void aSetVariableIsTheServersAddressAndEnablesTheTests() {
        RequiredServer db = database("DB_SET");

        assertThat(db.find(Map.of("DB_SET", " db://localhost:1 \n"), console)).isEqualTo("db://localhost:1");
        assertThat(db.evaluate(Map.of("DB_SET", "db://localhost:1"), console).isDisabled()).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutTheVariableTheTestsAreSkippedWithOneLineNamingTheServerAndHowToStartIt() {
        RequiredServer db = database("DB_MISSING");

        ConditionEvaluationResult first = db.evaluate(Map.of("DB_MISSING", " "), console);
        ConditionEvaluationResult second = db.evaluate(Map.of(), console);

        assertThat(first.isDisabled()).isTrue();
        assertThat(first.getReason()).hasValue("no test database (DB_MISSING unset) — start one with: scripts/start-db.sh");
        assertThat(second.isDisabled()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("SKIPPED: no test database (DB_MISSING unset)"
                + " — start one with: scripts/start-db.sh (tests needing it are skipped;"
                + " CONVERGE_REQUIRE_SERVERS=1 makes this a failure)" + System.lineSeparator());
    }

    @Test
    void whenServersAreRequiredAMissingOneFailsTheTest() {
        RequiredServer db = database("DB_REQUIRED");
        for (String flag : new String[] {"1", "true", "TRUE"}) {
            assertThatThrownBy(() -> db.evaluate(Map.of(RequiredServer.REQUIRE_SERVERS, flag), console))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageStartingWith("no test database (DB_REQUIRED unset) — start one with: scripts/start-db.sh")
                    .hasMessageContaining("CONVERGE_REQUIRE_SERVERS is set");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void onlyOneOrTrueRequireServers() {
        assertThat(RequiredServer.required(Map.of(RequiredServer.REQUIRE_SERVERS, "0"))).isFalse();
        assertThat(RequiredServer.required(Map.of(RequiredServer.REQUIRE_SERVERS, ""))).isFalse();
        assertThat(RequiredServer.required(Map.of())).isFalse();
        assertThat(RequiredServer.required(Map.of(RequiredServer.REQUIRE_SERVERS, " 1"))).isTrue();
    }

    @Test
    void aServerThatDoesNotAnswerIsAFailureNamingIt() {
        assertThat(RequiredServer.MOTO.notAnswering("http://127.0.0.1:1", "connection refused"))
                .hasMessage("moto server at http://127.0.0.1:1 (AWS_ENDPOINT_URL) does not answer: connection refused"
                        + " — start one with: eval \"$(scripts/aws/start-moto.sh)\"");
    }
}
