package dev.converge.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSpecTest {

    private static final CommandSpec SPEC = CommandSpec.of("try", "A command to parse.")
            .with(CommonOptions.OPTIONS)
            .with(OptionSpec.flag("--json", "as JSON"), OptionSpec.text("--target", "ADDR", "only").asRepeatable(),
                    OptionSpec.of("--out", OptionSpec.Kind.PATH, "FILE", null, "save"),
                    OptionSpec.of("--every", OptionSpec.Kind.DURATION, "D", null, "how often").asRequired())
            .with(ParameterSpec.required("ADDRESS", "what"))
            .with(ParameterSpec.optional("ID", "its id"));

    private static Arguments parse(String... args) {
        return SPEC.parse(List.of(args));
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSignAndDefaultsFillTheRest() {
        Arguments args = parse("a", "--stack", "prod", "--parallelism=4", "--every", "30s", "--json");

        assertThat(args.value("--stack", String.class)).isEqualTo("prod");
        assertThat(args.value("--parallelism", Integer.class)).isEqualTo(4);
        assertThat(args.value("--every", Duration.class)).isEqualTo(Duration.ofSeconds(30));
        assertThat(args.flag("--json")).isTrue();
        assertThat(args.flag("--no-color")).isFalse();
        assertThat(args.flag("--refresh")).isTrue();
        assertThat(args.value("--lock-timeout", Duration.class)).isEqualTo(Duration.ZERO);
        assertThat(args.value("--out", Path.class)).isNull();
        assertThat(args.parameter("ADDRESS")).isEqualTo("a");
        assertThat(args.parameter("ID")).isNull();
    }

    @Test
    void aBooleanOptionTakesTrueOrFalseAndARepeatableOneCollectsEveryValueInOrder() {
        Arguments args = parse("--refresh=false", "--target", "x", "a", "--target=y", "id-1", "--every=1m");

        assertThat(args.flag("--refresh")).isFalse();
        assertThat(args.values("--target", String.class)).containsExactly("x", "y");
        assertThat(args.parameter("ID")).isEqualTo("id-1");
    }

    @Test
    void afterTwoDashesEverythingIsAParameter() {
        assertThat(parse("--every=1m", "--", "--json").parameter("ADDRESS")).isEqualTo("--json");
    }

    @Test
    void helpIsShownWhateverElseTheArgumentsSay() {
        assertThat(parse("--bogus", "--help").helpRequested()).isTrue();
        assertThat(parse("--help", "--bogus").helpRequested()).isTrue();
        assertThat(parse("-h").helpRequested()).isTrue();
    }

    @Test
    void badArgumentsAreUsageErrorsThatNameTheOptionOrParameter() {
        assertThatThrownBy(() -> parse("a", "--every=1m", "--jsno")).isInstanceOf(UsageException.class)
                .hasMessage("Unknown option: '--jsno'")
                .satisfies(e -> assertThat(((UsageException) e).suggestions()).containsExactly("--json"));
        assertThatThrownBy(() -> parse("a", "--every=1m", "--stack")).hasMessage(
                "Missing required parameter for option '--stack' (NAME)");
        assertThatThrownBy(() -> parse("a", "--every=1m", "--parallelism", "x")).hasMessage(
                "Invalid value for option '--parallelism': 'x' is not a whole number");
        assertThatThrownBy(() -> parse("a", "--every=soon")).hasMessage(
                "Invalid value for option '--every': 'soon' is not a duration: use 30s, 2m, 1h or 500ms");
        assertThatThrownBy(() -> parse("a", "--every=1m", "--refresh=maybe")).hasMessage(
                "Invalid value for option '--refresh': 'maybe' is not a boolean: use true or false");
        assertThatThrownBy(() -> parse("a", "--every=1m", "--json", "--json")).hasMessage(
                "Option '--json' should be specified only once");
        assertThatThrownBy(() -> parse("a")).hasMessage("Missing required option: '--every=D'");
        assertThatThrownBy(() -> parse("--every=1m")).hasMessage("Missing required parameter: 'ADDRESS'");
        assertThatThrownBy(() -> parse("a", "b", "c", "--every=1m")).hasMessage("Unexpected argument: 'c'");
    }

    @Test
    void aParameterThatTakesManyNeedsOneAtLeast() {
        CommandSpec rm = CommandSpec.of("rm", "Remove.").with(ParameterSpec.many("ADDRESS", "what"));

        assertThat(rm.parse(List.of("a", "b", "c")).parameters("ADDRESS")).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> rm.parse(List.of())).hasMessage("Missing required parameter: 'ADDRESS'");
    }

    @Test
    void askingForWhatTheCommandDoesNotDeclareIsABug() {
        Arguments args = parse("a", "--every=1m");

        assertThatThrownBy(() -> args.flag("--nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> args.parameter("NOPE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUsageListsEveryParameterAndOptionWithItsDefault() {
        String usage = SPEC.usage("converge try");

        assertThat(usage).startsWith("Usage: converge try [OPTIONS] ADDRESS [ID]\nA command to parse.\n")
                .contains("  --stack=NAME", "default dev", "  --every=D", "  --json", "  ADDRESS", "  -h, --help");
    }

    @Test
    void suggestionsAreTheNamesAFewEditsAwayOrStartingWithTheMisspeltOne() {
        List<String> names = List.of("plan", "apply", "destroy", "state", "promote");

        assertThat(Suggestions.closest("plna", names)).containsExactly("plan");
        assertThat(Suggestions.closest("aply", names)).containsExactly("apply");
        assertThat(Suggestions.closest("pro", names)).containsExactly("promote");
        assertThat(Suggestions.closest("zzzzzz", names)).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
