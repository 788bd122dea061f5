package dev.converge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.state.SecretKeySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets key comes from the run's environment, which a builder's {@code environment(...)} sets: a
 * process whose own environment holds {@code CONVERGE_SECRETS_PASSPHRASE} or
 * {@code CONVERGE_SECRETS_KEY_FILE} does not lend the key to a run whose builder environment leaves it
 * out. Real forked JVMs, so that the process environment really holds the key.
 */
class BuilderEnvironmentKeyTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String output) {
    }

    @Test
    void aKeyInTheProcessEnvironmentIsNotUsedWhenTheBuildersEnvironmentLeavesItOut() throws Exception {
        Path keyFile = dir.resolve("converge.key");
        Files.write(keyFile, new byte[32]);
        Map<String, String> processKeys = Map.of(SecretKeySource.PASSPHRASE_ENV, "process-passphrase",
                SecretKeySource.KEY_FILE_ENV, keyFile.toString());
        String withKeyFile = SecretKeySource.KEY_FILE_ENV + "=" + keyFile;

        Result applied = run(processKeys, List.of(withKeyFile), "apply", "--auto-approve");
        assertThat(applied.exitCode()).as("the builder's key file encrypts\n%s", applied.output()).isZero();
        assertThat(Files.readString(dir.resolve("work/.converge/dev/state.json"))).contains("$secret")
                .doesNotContain("environment-canary");
        Result shown = run(processKeys, List.of(withKeyFile), "output", "token");
        assertThat(shown.exitCode()).as(shown.output()).isZero();

        Result refused = run(processKeys, List.of(), "output", "token");
        assertThat(refused.exitCode()).as("the builder's environment took the key away\n%s", refused.output())
                .isEqualTo(1);
        assertThat(refused.output()).contains("contains encrypted secrets, but no secrets key is configured")
                .doesNotContain("environment-canary");
        Result passphraseOnly = run(Map.of(SecretKeySource.KEY_FILE_ENV, keyFile.toString()),
                List.of(SecretKeySource.PASSPHRASE_ENV + "=other"), "output", "token");
        assertThat(passphraseOnly.exitCode()).as("the process's key file does not win over the builder's "
                + "passphrase\n%s", passphraseOnly.output()).isEqualTo(1);
        assertThat(passphraseOnly.output()).contains("cannot decrypt the secrets");
    }

    private Result run(Map<String, String> processEnvironment, List<String> builderEnvironment, String... command)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", Forks.classPath(),
                EnvironmentMain.class.getName(), dir.resolve("work").toString()));
        line.addAll(builderEnvironment);
        line.add("--");
        line.addAll(List.of(command));
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(processEnvironment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(log));
    }
}
