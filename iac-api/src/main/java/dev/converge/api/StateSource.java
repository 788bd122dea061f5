package dev.converge.api;

/**
 * Where the states of stacks can be read from, for {@link Stack#reference(String, StateSource)}: every state
 * backend ({@code dev.converge.spi.state.StateBackend}, such as the local, S3 or Kubernetes backend) is one.
 * The API names only this marker, so that it depends on nothing of the SPI.
 */
public interface StateSource {
}
