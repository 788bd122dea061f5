package dev.converge.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.ReplacementOrder;
import dev.converge.api.Unknown;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertyDiff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSchemasTest {

    private static final Address ADDRESS = Address.of("app", "config");

    private static DiffResponse diff(String type, Map<String, Object> prior, Map<String, Object> desired) {
        return LocalSchemas.diff(new DiffRequest(ADDRESS, type, "id", prior, Map.of(), desired));
    }

    private static Map<String, Object> file(String path, String content, String mode) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("path", path);
        inputs.put("content", content);
        inputs.put("mode", mode);
        return inputs;
    }

    @Test
    void unchangedFileWithDefaultsHasNoDiff() {
        Map<String, Object> prior = file("run/a.txt", "", "0644");
        assertThat(diff(LocalSchemas.FILE, prior, Map.of("path", "run/a.txt")).hasChanges()).isFalse();
    }

    @Test
    void fileContentAndModeChangeInPlaceAndAReplacementWouldGoDeleteFirst() {
        DiffResponse response = diff(LocalSchemas.FILE, file("a.txt", "old", "0644"), file("a.txt", "new", "0600"));
        assertThat(response.diffs()).extracting(PropertyDiff::path).containsExactly("content", "mode");
        assertThat(response.requiresReplacement()).isFalse();
        assertThat(response.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
    }

    @Test
    void fileVarsChangeInPlace() {
        Map<String, Object> prior = file("a.txt", "x=${x}", "0644");
        prior.put("vars", Map.of("x", "1"));
        Map<String, Object> desired = file("a.txt", "x=${x}", "0644");
        desired.put("vars", Map.of("x", "2"));
        DiffResponse response = diff(LocalSchemas.FILE, prior, desired);
        assertThat(response.diffs()).extracting(PropertyDiff::path).containsExactly("vars.x");
        assertThat(response.requiresReplacement()).isFalse();
    }

    @Test
    void fileNewPathReplacesCreateFirst() {
        DiffResponse response = diff(LocalSchemas.FILE, file("a.txt", "x", "0644"), file("b.txt", "x", "0644"));
        assertThat(response.requiresReplacement()).isTrue();
        assertThat(response.replacementOrder()).isEqualTo(ReplacementOrder.DEFAULT);
    }

    @Test
    void samePathSpelledDifferentlyStillReplacesDeleteFirst() {
        DiffResponse response = diff(LocalSchemas.FILE, file("run/a.txt", "x", "0644"),
                file("run/./a.txt", "x", "0644"));
        assertThat(response.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
    }

    @Test
    void directoryPathReplacesButModeAndRecursiveDeleteDoNot() {
        Map<String, Object> prior = Map.of("path", "d", "mode", "0755", "recursiveDelete", false);
        DiffResponse inPlace = diff(LocalSchemas.DIRECTORY, prior,
                Map.of("path", "d", "mode", "0700", "recursiveDelete", true));
        assertThat(inPlace.diffs()).hasSize(2);
        assertThat(inPlace.requiresReplacement()).isFalse();
        DiffResponse moved = diff(LocalSchemas.DIRECTORY, prior, Map.of("path", "e"));
        assertThat(moved.requiresReplacement()).isTrue();
    }

    @Test
    void everyProcessChangeReplacesDeleteFirst() {
        Map<String, Object> prior = Map.of("command", List.of("sleep", "10"), "env", Map.of("PORT", "1"));
        for (Map<String, Object> desired : List.of(
                Map.<String, Object>of("command", List.of("sleep", "11"), "env", Map.of("PORT", "1")),
                Map.<String, Object>of("command", List.of("sleep", "10"), "env", Map.of("PORT", "2")),
                Map.<String, Object>of("command", List.of("sleep", "10"), "env", Map.of("PORT", "1"),
                        "httpCheck", "http://localhost:1/"))) {
            DiffResponse response = diff(LocalSchemas.PROCESS, prior, desired);
            assertThat(response.requiresReplacement()).as("%s", desired).isTrue();
            assertThat(response.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        }
        assertThat(diff(LocalSchemas.PROCESS, prior, prior).hasChanges()).isFalse();
    }

    @Test
    void processOutputsAreNotCompared() {
        Map<String, Object> prior = Map.of("command", List.of("sleep"), "pid", 12L);
        assertThat(diff(LocalSchemas.PROCESS, prior, Map.of("command", List.of("sleep"))).hasChanges()).isFalse();
    }

    @Test
    void validFileInputsPass() {
        Map<String, Object> inputs = file("a", "x=${x}", "644");
        inputs.put("vars", Map.of("x", 1L));
        assertThat(LocalSchemas.validate(LocalSchemas.FILE, ADDRESS, inputs)).isEmpty();
    }

    @Test
    void invalidModeAndMissingTemplateVariableAreReported() {
        Map<String, Object> inputs = file("a", "x=${x} y=${y}", "0999");
        inputs.put("vars", Map.of("x", "1"));
        List<Diagnostic> problems = LocalSchemas.validate(LocalSchemas.FILE, ADDRESS, inputs);
        assertThat(problems).extracting(Diagnostic::summary).anyMatch(s -> s.contains("invalid mode '0999'"))
                .anyMatch(s -> s.contains("missing from 'vars': y"));
        assertThat(problems).allMatch(d -> d.address().equals("app/config"));
    }

    @Test
    void missingPathAndUnknownPropertyAreReported() {
        List<Diagnostic> problems = LocalSchemas.validate(LocalSchemas.FILE, ADDRESS, Map.of("contnet", "x"));
        assertThat(problems).extracting(Diagnostic::summary)
                .contains("missing required property 'path'", "unknown property 'contnet'");
    }

    @Test
    void unknownValuesAreNotJudgedAtPlanTime() {
        Map<String, Object> inputs = file("a", "${x}", "0644");
        inputs.put("path", Unknown.INSTANCE);
        inputs.put("vars", Map.of("x", Unknown.INSTANCE));
        assertThat(LocalSchemas.validate(LocalSchemas.FILE, ADDRESS, inputs)).isEmpty();
        assertThat(LocalSchemas.validate(LocalSchemas.PROCESS, ADDRESS,
                Map.of("command", List.of("java"), "env", Map.of("A", Unknown.INSTANCE)))).isEmpty();
    }

    @Test
    void badProcessInputsAreReported() {
        List<Diagnostic> problems = LocalSchemas.validate(LocalSchemas.PROCESS, ADDRESS, Map.of(
                "command", List.of(), "httpCheck", "localhost:8080/health", "tcpCheck", "localhost",
                "env", Map.of("A", List.of("x"))));
        assertThat(problems).extracting(Diagnostic::summary).containsExactlyInAnyOrder("'command' is empty",
                "invalid httpCheck 'localhost:8080/health'", "invalid tcpCheck 'localhost'",
                "env 'A' must be a string");
    }

    @Test
    void renderContentFillsVariablesOnlyWhenVarsAreSet() {
        assertThat(LocalSchemas.renderContent(Map.of("content", "port=${port}", "vars", Map.of("port", 8080L))))
                .isEqualTo("port=8080");
        assertThat(LocalSchemas.renderContent(Map.of("content", "echo ${HOME}"))).isEqualTo("echo ${HOME}");
        assertThat(LocalSchemas.renderContent(Map.of())).isEmpty();
    }
}
