package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.testing.RequiredServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several JVM processes contend for one stack lock in moto's S3: exactly one wins, all agree on it. */
class S3StateBackendProcessesIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String BUCKET = "converge-state-procs";
    private static final int PROCESSES = 3;

    @BeforeAll
    static void createBucket() {
        Moto.reset();
        try (AwsClients clients = Moto.clients()) {
            clients.s3().createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Test
    void exactlyOneProcessTakesTheLock() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Process process = contender("procs", "p" + i);
            processes.add(process);
            outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < PROCESSES; i++) {
            assertThat(outputs.get(i).readLine()).as("contender %d started", i).isEqualTo("READY");
        }
        for (Process process : processes) {
            OutputStream go = process.getOutputStream();
            go.write('\n');
            go.flush();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("contender finished").isTrue();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(err).isZero();
            lines.add(outputs.get(i).readLine());
        }
        List<String> winners = lines.stream().filter(l -> l.startsWith("WON ")).map(l -> l.substring(4)).toList();
        assertThat(winners).as(lines.toString()).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("LOST "))).as(lines.toString())
                .allMatch(l -> l.endsWith(" " + winners.get(0))).hasSize(PROCESSES - 1);
    }

    private static Process contender(String stack, String id) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockContender.class.getName(), Moto.endpoint(), BUCKET, stack, id).start();
    }
}
