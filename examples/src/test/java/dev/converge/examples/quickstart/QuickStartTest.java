package dev.converge.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the quick start declares, checked without an engine. */
class QuickStartTest {

    @Test
    void declaresDirectoryConfigFileAndServiceLinkedByOutputs() {
        RecordingStack stack = new RecordingStack(Map.of());
        new QuickStart().define(stack);

        assertThat(stack.resources.keySet()).extracting(Address::toString)
                .containsExactly("quickstart-dir", "hello-config", "hello");
        Declaration file = stack.resources.get(Address.of("hello-config"));
        assertThat(file.type()).isEqualTo("local:File");
        assertThat(((Output<?>) file.properties().get("path")).dependencies()).containsExactly(Address.of("quickstart-dir"));
        assertThat(file.properties().get("vars")).isEqualTo(Map.of("greeting", QuickStart.DEFAULT_GREETING));

        Declaration service = stack.resources.get(Address.of("hello"));
        assertThat(service.type()).isEqualTo("local:Process");
        Map<?, ?> env = (Map<?, ?>) service.properties().get("env");
        assertThat(env.get("PORT")).isEqualTo("18080");
        assertThat(env.get("LOG_LEVEL")).isEqualTo("info");
        assertThat(((Output<?>) env.get("CONFIG_FILE")).dependencies()).containsExactly(Address.of("hello-config"));
        assertThat(service.properties().get("httpCheck")).isEqualTo("http://127.0.0.1:18080/health");
        assertThat(((Output<?>) stack.exports.get("url")).dependencies()).containsExactly(Address.of("hello"));
    }

    @Test
    void configurationChangesGreetingPortAndLogLevel() {
        RecordingStack stack = new RecordingStack(Map.of("quickstart.greeting", "Moin", "quickstart.port", "19090",
                "log.level", "debug"));
        new QuickStart().define(stack);
        Declaration service = stack.resources.get(Address.of("hello"));
        Map<?, ?> env = (Map<?, ?>) service.properties().get("env");
        assertThat(env.get("PORT")).isEqualTo("19090");
        assertThat(env.get("LOG_LEVEL")).isEqualTo("debug");
        assertThat(stack.resources.get(Address.of("hello-config")).properties().get("vars"))
                .isEqualTo(Map.of("greeting", "Moin"));
        assertThat(env.get("CONFIG_SHA256")).as("a new greeting replaces the service, known at plan time")
                .isEqualTo("7ba2db93bf45dbab1511b58b139eb5ec93a1c0f9dd24274320efaab866658c74");
    }

    @Test
    void serviceCommandRunsHelloServiceFromItsOwnClasses() {
        RecordingStack stack = new RecordingStack(Map.of());
        new QuickStart().define(stack);
        List<?> command = (List<?>) stack.resources.get(Address.of("hello")).properties().get("command");
        assertThat(Path.of((String) command.get(0))).isExecutable();
        assertThat(command.get(1)).isEqualTo("-cp");
        assertThat(Path.of((String) command.get(2)).resolve(
                HelloService.class.getName().replace('.', '/') + ".class")).satisfies(p -> assertThat(Files.exists(p)).isTrue());
        assertThat(command.get(3)).isEqualTo(HelloService.class.getName());
    }
}
