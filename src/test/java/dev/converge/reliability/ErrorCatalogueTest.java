package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples of {@code docs/errors.md}: each error is printed as the catalogue says, with exit code 1 and
 * without a stack trace, and changes nothing.
 */
class ErrorCatalogueTest {

    @TempDir
    Path dir;

    /** One row of the catalogue: a program, a command and a phrase of the expected message. */
    record Row(String cause, Program program, List<String> args, String message) {
    }

    private static Program boxes(String... names) {
        return stack -> {
            for (String name : names) {
                stack.add(GenericResource.of(DurableCloud.BOX, name).set("value", name));
            }
        };
    }

    @Test
    void errorsAreReportedAsCatalogued() throws IOException {
        CloudStack stack = new CloudStack(dir.resolve("work"), dir.resolve("cloud"));
        Program one = boxes("a");
        Path savedPlan = dir.resolve("saved.plan");
        assertThat(stack.cli(one, CrashMain.environment(), "plan", "--out", savedPlan.toString()).exitCode()).isZero();
        assertThat(stack.cli(one, CrashMain.environment(), "apply", "--auto-approve").exitCode()).isZero();
        Path notAPlan = Files.writeString(dir.resolve("not.plan"), "{\"hello\": 1}");
        List<Row> rows = List.of(
                new Row("unknown option", one, List.of("apply", "--bogus"), "Unknown option: '--bogus'"),
                new Row("bad duration", one, List.of("apply", "--lock-timeout", "soon"),
                        "'soon' is not a duration: use 30s, 2m, 1h or 500ms"),
                new Row("invalid stack name", one, List.of("plan", "--stack", "../x"), "invalid stack name '../x'"),
                new Row("no terminal", boxes("a", "b"), List.of("apply"),
                        "apply needs confirmation, but no terminal is attached"),
                new Row("graph format", one, List.of("graph", "--format", "png"), "unknown graph format 'png'"),
                new Row("unknown output", one, List.of("output", "nope"), "no stack output named 'nope'"),
                new Row("state show", one, List.of("state", "show", "zz"), "zz: no resource at this address in state"),
                new Row("wrong lock id", one, List.of("force-unlock", "x1"), "no lock with id x1 is held on stack 'dev'"),
                new Row("duplicate name", boxes("a", "a"), List.of("plan"), "a: duplicate name"),
                new Row("unknown type", stack(s -> s.add(GenericResource.of("cloud:Nope", "n"))), List.of("plan"),
                        "n: unknown resource type cloud:Nope"),
                new Row("missing provider", stack(s -> s.add(GenericResource.of("nope:Thing", "n"))),
                        List.of("plan"), "n: no provider named 'nope' for type nope:Thing"),
                new Row("unknown property", stack(s -> s.add(GenericResource.of(DurableCloud.BOX, "a")
                        .set("colour", "red"))), List.of("plan"), "a: unknown property 'colour'"),
                new Row("program throws", stack(s -> {
                    throw new IllegalStateException("boom");
                }), List.of("plan"), "the program failed while declaring resources"),
                new Row("missing config", stack(s -> s.config().require("needed")), List.of("plan"),
                        "missing required configuration key 'needed'"),
                new Row("stale saved plan", one, List.of("apply", savedPlan.toString()),
                        "is stale: it was made for state serial 0, but the state is now at serial 1"),
                new Row("not a plan", one, List.of("apply", notAPlan.toString()), "is not a saved Converge plan"),
                new Row("import undeclared", one, List.of("import", "zz", "id-1"),
                        "zz: the program declares no resource at this address"),
                new Row("import managed", one, List.of("import", "a", "id-1"), "a: already managed"));
        SoftAssertions soft = new SoftAssertions();
        for (Row row : rows) {
            var before = Dirs.hashes(dir);
            CloudStack.Run run = stack.cli(row.program(), CrashMain.environment(), row.args().toArray(String[]::new));
            soft.assertThat(run.exitCode()).as("%s: exit code\n%s", row.cause(), run.all()).isEqualTo(1);
            soft.assertThat(run.err()).as("%s: message", row.cause()).contains(row.message())
                    .doesNotContain("unexpected failure").doesNotContain("\tat ");
            soft.assertThat(Dirs.hashes(dir)).as("%s: nothing changed", row.cause()).isEqualTo(before);
        }
        soft.assertAll();
    }

    private static Program stack(Program program) {
        return program;
    }
}
