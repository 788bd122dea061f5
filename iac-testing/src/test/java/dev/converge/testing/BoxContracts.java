package dev.converge.testing;

import dev.converge.spi.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;

/**
 * The contract over boxes, one class per planted bug, run by {@link ProviderContractSelfTest} through the
 * JUnit launcher with {@code @Disabled} switched off. Disabled for every other run: most must fail.
 */
final class BoxContracts {

    static final String RUN_BY_THE_SELF_TEST = "run by ProviderContractSelfTest: the planted bugs must fail";

    private BoxContracts() {
    }

    /** The contract over boxes with one planted bug; each subclass plants its own. */
    abstract static class BoxContract extends ProviderContract {
        private final Map<String, BoxProvider.Box> backend = BoxProvider.newBackend();

        abstract BoxProvider.Bug bug();

        @Override
        protected Provider newProvider(String stack) {
            return new BoxProvider(bug(), backend);
        }

        @Override
        protected Provider detachedProvider() {
            return new BoxProvider(bug(), BoxProvider.newBackend());
        }

        @Override
        protected List<ProviderSample> samples() {
            return List.of(ProviderSample.updatedInPlace("box", BoxProvider.BOX,
                    Map.of("name", "b", "size", 2L, "tags", Map.of("team", "a")),
                    Map.of("name", "b", "size", 3L, "tags", Map.of("team", "a"))));
        }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class Healthy extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.NONE; }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class DeleteTwiceFails extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.DELETE_TWICE_FAILS; }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class DeleteKeepsTheObject extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.DELETE_KEEPS_THE_OBJECT; }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class DiffReadsTheBackend extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.DIFF_READS_THE_BACKEND; }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class FindOwnedMisses extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.FIND_OWNED_MISSES; }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class ImportLosesSize extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.IMPORT_LOSES_SIZE; }
    }

    @Disabled(RUN_BY_THE_SELF_TEST)
    static final class UpdateAddsATag extends BoxContract {
        @Override BoxProvider.Bug bug() { return BoxProvider.Bug.UPDATE_ADDS_A_TAG; }
    }
}
