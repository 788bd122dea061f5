package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.converge.api.GenericResource;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.engine.Converge;
import dev.converge.engine.state.SecretKeySource;
import dev.converge.testing.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets, one passed with {@code Output.secret(...)} and one as a plain value of the fake's
 * sensitive {@code password} property, and both carried on through references and stack outputs,
 * never appear in any file under the working directory (state, journal, history, lock, saved plans)
 * nor in anything the CLI or the JVM prints, whether plain, base64 (any alignment), hex or JSON-escaped.
 */
class SecretLeakTest {

    private static final Map<String, String> KEY = Map.of(SecretKeySource.PASSPHRASE_ENV, "leak-test-passphrase");

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();
    private final StringBuilder printed = new StringBuilder();
    private final ByteArrayOutputStream jvmOutput = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void captureJvmOutput() {
        savedOut = System.out;
        savedErr = System.err;
        PrintStream tee = new PrintStream(jvmOutput, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
    }

    @AfterEach
    void restoreJvmOutput() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** A canary with characters JSON escapes ({@code "}, {@code \}, control, non-ASCII) and a random core. */
    private static String canary(String label) {
        return "canary-" + label + "-" + UUID.randomUUID().toString().replace("-", "") + "-\"q\\t\u00e9\u2603\t/end";
    }

    private static Program program(String viaOutput, String viaProperty, int size) {
        return stack -> {
            Ref<Map<String, Object>> db = stack.add(GenericResource.of(FakeProvider.THING, "db")
                    .set("value", Output.secret(viaOutput))
                    .set("password", viaProperty)
                    .set("size", size));
            stack.add(GenericResource.of(FakeProvider.THING, "app")
                    .set("ref", db.output("value"))
                    .set("tags", Map.of("pw", db.output("password"))));
            stack.export("dbValue", db.output("value"));
            stack.export("dbPassword", db.output("password"));
        };
    }

    @Test
    void canariesNeverLeakIntoFilesOrOutput() {
        String first = canary("outputsecret");
        String second = canary("sensitiveprop");
        Program v1 = program(first, second, 1);
        Program v2 = program(first, second, 2);
        Path planFile = dir.resolve("saved.plan");

        expectOk(v1, "apply", "--auto-approve");
        assertThat(fake.cloud().values()).as("the canaries really reached the provider").anySatisfy(o ->
                assertThat(o.inputs()).containsEntry("value", first).containsEntry("password", second));
        expectOk(v1, "plan");
        expectOk(v2, "plan", "--out", planFile.toString());
        expectOk(v2, "plan", "--json");
        expectOk(v2, "apply", planFile.toString());
        expectOk(v2, "refresh");
        expectOk(v2, "output");
        expectOk(v2, "output", "--json");
        expectOk(v2, "output", "dbPassword");
        expectOk(v2, "state", "show", "db");
        expectOk(v2, "state", "show", "app");
        expectOk(v2, "state", "list");
        expectOk(v2, "state", "history");
        expectOk(v2, "plan", "--out", planFile + ".destroy", "--destroy");
        expectOk(v2, "destroy", "--auto-approve");
        assertThat(printed).contains("(sensitive)").contains("size = 1 -> 2");
        assertNoCanary(List.of(first, second), "saved.plan");
    }

    /** A rotated secret shows up as a diff; its old and new values must stay masked there too. */
    @Test
    void rotatedCanariesNeverLeakIntoSavedPlansOrPlanJson() {
        String first = canary("outputsecret");
        String second = canary("sensitiveprop");
        String third = canary("rotated");
        String fourth = canary("rotatedprop");
        Path planFile = dir.resolve("saved.plan");
        expectOk(program(first, second, 1), "apply", "--auto-approve");
        expectOk(program(third, fourth, 1), "plan", "--out", planFile.toString());
        expectOk(program(third, fourth, 1), "plan", "--json");
        expectOk(program(third, fourth, 1), "apply", planFile.toString());
        assertNoCanary(List.of(first, second, third, fourth), "saved.plan");
    }

    @Test
    void aSecretInsideAMapCausesNoFalseDrift() {
        Program program = program(canary("a"), canary("b"), 1);
        expectOk(program, "apply", "--auto-approve");
        expectOk(program, "plan", "--detailed-exitcode");
    }

    /** Checks every file under the working directory, the CLI's output and this JVM's output. */
    private void assertNoCanary(List<String> secrets, String planFile) {
        Map<String, String> places = new LinkedHashMap<>();
        Dirs.contents(dir).forEach((file, bytes) -> places.put("file " + file, latin1(bytes)));
        assertThat(places).containsKeys("file " + planFile, "file .converge/dev/state.json",
                "file .converge/dev/history/1.json");
        places.put("CLI output", latin1(printed.toString().getBytes(StandardCharsets.UTF_8)));
        places.put("JVM stdout/stderr", latin1(jvmOutput.toByteArray()));
        for (String secret : secrets) {
            for (Map.Entry<String, String> form : encodings(secret).entrySet()) {
                places.forEach((place, text) -> assertThat(text)
                        .as("canary %s found %s in %s", secret, form.getKey(), place).doesNotContain(form.getValue()));
            }
        }
    }

    @Test
    void aMissingKeyIsAClearErrorAndNothingIsCreatedOrWritten() {
        CliRun run = cli(program(canary("a"), canary("b"), 1), Map.of(), "apply", "--auto-approve");
        assertThat(run.code()).as(run.text()).isEqualTo(1);
        assertThat(run.text()).contains("no secrets key is configured").contains(SecretKeySource.PASSPHRASE_ENV)
                .contains(SecretKeySource.KEY_FILE_ENV).doesNotContain("Exception");
        assertThat(fake.cloud()).as("nothing was created with a secret that could not be stored").isEmpty();
        assertThat(Dirs.contents(dir.resolve(".converge/dev")).keySet()).doesNotContain("state.json");
    }

    @Test
    void encryptedStateWithoutTheKeyOrWithAWrongKeyIsAClearError() {
        Program program = program(canary("a"), canary("b"), 1);
        expectOk(program, "apply", "--auto-approve");
        CliRun missing = cli(program, Map.of(), "plan");
        assertThat(missing.code()).as(missing.text()).isEqualTo(1);
        assertThat(missing.text()).contains("contains encrypted secrets, but no secrets key is configured")
                .contains(SecretKeySource.PASSPHRASE_ENV).doesNotContain("Exception");
        CliRun wrong = cli(program, Map.of(SecretKeySource.PASSPHRASE_ENV, "not-the-passphrase"), "plan");
        assertThat(wrong.code()).as(wrong.text()).isEqualTo(1);
        assertThat(wrong.text()).doesNotContain("unexpected failure").doesNotContain("Exception");
    }

    /** The canary as plain text and as each encoding a careless writer might use. */
    static Map<String, String> encodings(String secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        forms.put("plain", latin1(utf8));
        forms.put("random core", secret.split("-")[2]);
        forms.put("JSON-escaped", latin1(json(new ObjectMapper(), secret).getBytes(StandardCharsets.UTF_8)));
        forms.put("JSON-escaped ASCII", json(JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build(),
                secret));
        forms.put("hex", HexFormat.of().formatHex(utf8));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(utf8));
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + utf8.length];
            System.arraycopy(utf8, 0, shifted, offset, utf8.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.encodeToString(shifted);
                // the first group depends on the bytes before the canary, the last on its end
                forms.put("base64 offset " + offset + " " + encoder, encoded.substring(4, encoded.length() - 4));
            }
        }
        return forms;
    }

    private static String json(ObjectMapper mapper, String value) {
        try {
            String quoted = mapper.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private record CliRun(int code, String text) {
    }

    private void expectOk(Program program, String... args) {
        CliRun run = cli(program, KEY, args);
        assertThat(run.code()).as("%s\n%s", List.of(args), run.text()).isZero();
    }

    private CliRun cli(Program program, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Converge.builder(program).workDir(dir).withoutServiceLoader().provider(fake)
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
                .environment(environment).build().run(args);
        String text = out.toString(StandardCharsets.UTF_8);
        printed.append("$ converge ").append(String.join(" ", args)).append('\n').append(text);
        return new CliRun(code, text);
    }
}
