package dev.converge.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.Provider;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The providers the launcher script lists, made in its order; without the list, ServiceLoader's. */
class ProviderDiscoveryTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @AfterEach
    void clearTheList() {
        System.clearProperty(ProviderDiscovery.PROPERTY);
    }

    @Test
    void makesTheListedProvidersInTheirOrderSkippingBlankNames() {
        System.setProperty(ProviderDiscovery.PROPERTY, " " + Second.class.getName() + ",," + First.class.getName());

        List<String> names = new ArrayList<>();
        Iterator<Provider> found = ProviderDiscovery.providers(loader);
        found.forEachRemaining(provider -> names.add(provider.name()));

        assertThat(names).containsExactly("second", "first");
        assertThatThrownBy(found::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aListedClassThatIsNotAProviderFailsNamingIt() {
        System.setProperty(ProviderDiscovery.PROPERTY, "no.such.Provider," + String.class.getName());

        Iterator<Provider> found = ProviderDiscovery.providers(loader);

        assertThatThrownBy(found::next).isInstanceOf(ServiceConfigurationError.class)
                .hasMessageContaining("provider no.such.Provider could not be made");
        assertThatThrownBy(found::next).isInstanceOf(ServiceConfigurationError.class)
                .hasMessageContaining("provider java.lang.String could not be made");
        assertThat(found.hasNext()).isFalse();
    }

    @Test
    void withoutTheListFindsWhatTheServiceFilesName() {
        // The engine's own test class path declares no provider service.
        assertThat(ProviderDiscovery.providers(loader).hasNext()).isFalse();
    }

    /** A provider with a name and nothing else: discovery only makes it. */
    abstract static class Named implements Provider {
        @Override
        public Collection<ResourceSchema> schemas() {
            return List.of();
        }

        @Override
        public CreateResponse create(CreateRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReadResponse read(ReadRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UpdateResponse update(UpdateRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeleteResponse delete(DeleteRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class First extends Named {
        @Override
        public String name() {
            return "first";
        }
    }

    public static final class Second extends Named {
        @Override
        public String name() {
            return "second";
        }
    }
}
