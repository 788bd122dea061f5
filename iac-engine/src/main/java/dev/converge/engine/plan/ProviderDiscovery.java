package dev.converge.engine.plan;

import dev.converge.spi.Provider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the providers on the class path. A program started by its launcher script (written by
 * {@code dev.converge.engine.cli.Launcher}) gets them listed in the system property {@value #PROPERTY}: that
 * class path is fixed when the script is written, so the list is found then, and a run need not open every
 * jar (more than a hundred for the examples) to look for service files. Without the property,
 * {@link ServiceLoader} finds them. Either way a provider that cannot be made is a
 * {@link ServiceConfigurationError} from {@link Iterator#next}.
 */
final class ProviderDiscovery {

    /** The providers' class names, comma-separated; the launcher script's own name for it. */
    static final String PROPERTY = "converge.providers";

    private ProviderDiscovery() {
    }

    static Iterator<Provider> providers(ClassLoader loader) {
        String listed = System.getProperty(PROPERTY);
        if (listed == null) {
            return ServiceLoader.load(Provider.class, loader).iterator();
        }
        List<String> names = new ArrayList<>();
        for (String name : listed.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        Iterator<String> next = names.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            public Provider next() {
                if (!next.hasNext()) {
                    throw new NoSuchElementException();
                }
                return make(next.next(), loader);
            }
        };
    }

    private static Provider make(String name, ClassLoader loader) {
        try {
            return Class.forName(name, true, loader).asSubclass(Provider.class).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new ServiceConfigurationError(Provider.class.getName() + ": provider " + name
                    + " could not be made: " + e, e);
        }
    }
}
