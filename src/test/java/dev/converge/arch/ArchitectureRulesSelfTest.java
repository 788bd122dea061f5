package dev.converge.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Planted violations show that the hand-written exit rule fails where it must and only there. */
class ArchitectureRulesSelfTest {

    /** A command-line class as docs/architecture.md shows it: exiting from main is allowed. */
    static final class ExitsFromMain {
        public static void main(String[] args) {
            System.exit(args.length);
        }
    }

    /** Library code that ends the JVM. */
    static final class ExitsFromLibraryCode {
        int run(int code) {
            System.exit(code);
            return code;
        }
    }

    /** Runtime.exit is the same thing under another name. */
    static final class ExitsThroughRuntime {
        void stop() {
            Runtime.getRuntime().exit(3);
        }
    }

    /** A method called main that is not an entry point. */
    static final class FakeMain {
        void main(String[] args) {
            System.exit(1);
        }
    }

    private static JavaClasses importOnly(Class<?>... types) {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().importClasses(types);
    }

    @Test
    void exitFromAMainMethodIsAllowed() {
        assertThatCode(() -> ArchitectureRules.NO_JVM_EXIT_OUTSIDE_MAIN.check(importOnly(ExitsFromMain.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void exitFromLibraryCodeIsReportedWithItsLocation() {
        assertThatThrownBy(() -> ArchitectureRules.NO_JVM_EXIT_OUTSIDE_MAIN.check(importOnly(ExitsFromLibraryCode.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ExitsFromLibraryCode.run(int)")
                .hasMessageContaining("System.exit");
    }

    @Test
    void runtimeExitIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.NO_JVM_EXIT_OUTSIDE_MAIN.check(importOnly(ExitsThroughRuntime.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Runtime.exit");
    }

    @Test
    void anInstanceMethodNamedMainIsNoEntryPoint() {
        assertThatThrownBy(() -> ArchitectureRules.NO_JVM_EXIT_OUTSIDE_MAIN.check(importOnly(FakeMain.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FakeMain.main");
    }
}
