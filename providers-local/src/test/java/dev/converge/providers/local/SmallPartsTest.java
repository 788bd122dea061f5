package dev.converge.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates, modes, /proc parsing and readiness-target parsing: the pure helpers. */
class SmallPartsTest {

    @Test
    void templatesFillVariablesAndKeepEscapedPlaceholders() {
        assertThat(Templates.render("a=${a}, b=${ b }, lit=$${a}", Map.of("a", "1", "b", 2L)))
                .isEqualTo("a=1, b=2, lit=${a}");
        assertThatThrownBy(() -> Templates.render("${a}${b}${a}", Map.of()))
                .hasMessageContaining("missing from 'vars': a, b");
        assertThatThrownBy(() -> Templates.render("x ${a", Map.of("a", "1"))).hasMessageContaining("unclosed");
    }

    @Test
    void modesParseAndFormat() {
        assertThat(FileModes.parse("0640")).contains(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(FileModes.parse("755")).contains(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(FileModes.parse("0844")).isEmpty();
        assertThat(FileModes.parse("64")).isEmpty();
        assertThat(FileModes.format(PosixFilePermissions.fromString("rw-------"))).isEqualTo("0600");
    }

    @Test
    void everyModeSurvivesFormatAndParse() {
        for (int bits = 0; bits <= 0777; bits++) {
            String mode = String.format("0%03o", bits);
            assertThat(FileModes.format(FileModes.parse(mode).orElseThrow())).isEqualTo(mode);
        }
    }

    @Test
    void observedModeKeepsTheDeclaredSpellingOnlyWhenEqual() {
        var actual = PosixFilePermissions.fromString("rw-r--r--");
        assertThat(FileModes.observed(actual, "644")).isEqualTo("644");
        assertThat(FileModes.observed(actual, "0600")).isEqualTo("0644");
        assertThat(FileModes.observed(actual, null)).isEqualTo("0644");
    }

    @Test
    void procStatIsParsedFromTheLastParenthesis() {
        String line = "4242 (we (ird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 "
                + "1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
        ProcStat stat = ProcStat.parse(line).orElseThrow();
        assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 4242, 4242, 987654));
        assertThat(stat.running()).isTrue();
        assertThat(ProcStat.parse(line.replace(") S ", ") Z ")).orElseThrow().running()).isFalse();
        assertThat(ProcStat.parse("garbage")).isEmpty();
    }

    @Test
    void processInputsSurviveTheEnvironmentEncoding() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("command", List.of("java", "-cp", "a b&c=d", "Main"));
        inputs.put("args", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        inputs.put("env", Map.of("A.B", "x=y&z", "EMPTY", "", "UNICODE", "Grüße %20"));
        inputs.put("httpCheck", "http://127.0.0.1:8080/health?x=1&y=2");
        String encoded = InputsCodec.encode(inputs);
        assertThat(encoded).doesNotContain("\n").doesNotContain("\0");
        assertThat(InputsCodec.decode(encoded)).isEqualTo(inputs);
        assertThat(InputsCodec.decode("")).isEmpty();
    }

    @Test
    void readinessTargetsParse() {
        assertThat(ProcessChecks.parseHostPort("127.0.0.1:5432")).contains(Map.entry("127.0.0.1", 5432));
        assertThat(ProcessChecks.parseHostPort("[::1]:80")).contains(Map.entry("::1", 80));
        assertThat(ProcessChecks.parseHostPort("host:0")).isEmpty();
        assertThat(ProcessChecks.parseHostPort("host:http")).isEmpty();
        assertThat(ProcessChecks.parseHttp("https://example.org/health")).isPresent();
        assertThat(ProcessChecks.parseHttp("ftp://example.org/")).isEmpty();
    }
}
