package dev.converge.testing.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on both sides, as in front of the Kubernetes API server: the proxy serves the server's own
 * certificate, sees the HTTP inside (an injected status reaches the client), and presents a client
 * certificate to a backend that requires one. Certificates come from openssl, as the cluster's do.
 */
class FaultProxyTlsTest {

    @TempDir
    Path dir;

    @Test
    void theProxySeesTheHttpInsideTlsAndPresentsTheClientCertificateTheBackendRequires() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make certificates");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "1",
                "-subj", "/CN=test-ca");
        certificate("server", "subjectAltName=IP:127.0.0.1");
        certificate("client", "extendedKeyUsage=clientAuth");
        // The backend serves the server certificate and requires a client certificate signed by the CA.
        SSLContext serving = PemTls.client(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"));
        try (Backends backend = Backends.tls(serving);
                FaultProxy proxy = FaultProxy.to("127.0.0.1", backend.port())
                        .tlsFront(dir.resolve("server.crt"), dir.resolve("server.key"))
                        .tlsBackend(dir.resolve("ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key"))
                        .start()) {
            SSLContext client = PemTls.client(dir.resolve("ca.crt"), null, null);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", proxy.port())) {
                socket.setSoTimeout(10_000);
                assertThat(Backends.send(socket, "GET", "/x", "", "").body()).isEqualTo("GET /x 0 #1");
                proxy.faults(WireFaults.none().withStatus(1.0, 503, RetryAfterHeader.seconds(1)));
                assertThat(Backends.send(socket, "GET", "/y", "", "").status()).isEqualTo(503);
            }
            assertThat(proxy.url()).startsWith("https://127.0.0.1:");
            assertThat(backend.requests).hasValue(1);
        }
    }

    private void certificate(String name, String extension) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj",
                "/CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                name + ".crt", "-days", "1", "-extfile", name + ".ext");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
