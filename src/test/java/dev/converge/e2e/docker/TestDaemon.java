package dev.converge.e2e.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.converge.testing.RequiredServer;
import java.net.URI;

/** The test daemon at {@code DOCKER_HOST} (scripts/docker/start-dockerd.sh), for tests that look at what they made. */
public final class TestDaemon {

    private TestDaemon() {
    }

    /**
     * A docker-java client of the daemon, after a ping. Without {@code DOCKER_HOST} the calling test skips
     * or fails as {@link RequiredServer} decides; a daemon that does not answer fails it.
     */
    public static DockerClient connect() {
        String host = RequiredServer.DOCKER.value();
        DockerClient docker = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).build(), new ApacheDockerHttpClient.Builder().dockerHost(URI.create(host)).build());
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw RequiredServer.DOCKER.notAnswering(host, e.toString());
        }
        return docker;
    }
}
