package dev.converge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {

    @Test
    void eachFactoryMakesItsKindAndOnlyRetryableFailuresAreRetried() {
        IOException cause = new IOException("reset");
        assertThat(ProviderException.fatal("f").kind()).isEqualTo(ProviderException.Kind.FATAL);
        assertThat(ProviderException.fatal("f", cause).getCause()).isSameAs(cause);
        assertThat(ProviderException.retryable("r").kind()).isEqualTo(ProviderException.Kind.RETRYABLE);
        assertThat(ProviderException.retryable("r", cause).getCause()).isSameAs(cause);
        assertThat(ProviderException.notFound("n").kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
        assertThat(ProviderException.retryable("r").retryable()).isTrue();
        assertThat(ProviderException.fatal("f").retryable()).isFalse();
        assertThat(ProviderException.notFound("n").retryable()).isFalse();
    }

    @Test
    void withMessageKeepsTheKindAndTheOriginalAsCause() {
        ProviderException original = ProviderException.retryable("router busy");
        ProviderException wrapped = original.withMessage("step 50% failed: router busy");
        assertThat(wrapped).hasMessage("step 50% failed: router busy").hasCause(original);
        assertThat(wrapped.kind()).isEqualTo(ProviderException.Kind.RETRYABLE);
        assertThat(ProviderException.notFound("gone").withMessage("x").kind())
                .isEqualTo(ProviderException.Kind.NOT_FOUND);
    }
}
