package dev.converge.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.state.StateSession;
import org.junit.jupiter.api.Test;

/** Planted violations show that each boundary rule fails where it must, and only there. */
class EngineBoundarySelfTest {

    /** A user of the Automation API, outside the engine. */
    static final class ReleaseScript {
        Object release(StackEngine engine) {
            return engine.apply(ApplyRequest.normal());
        }
    }

    /** Code outside the engine that takes the stack's lock itself. */
    static final class LockGrabber {
        Object grab(StateSession session) {
            return session.lock();
        }
    }

    private static JavaClasses importOnly(String... classNames) {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().importClasses(load(classNames));
    }

    private static Class<?>[] load(String... names) {
        Class<?>[] classes = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                classes[i] = Class.forName(names[i]);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }

    @Test
    void aPublicTypeOnNeitherListIsReported() {
        assertThatThrownBy(() -> EngineBoundary.ENGINE_PUBLIC_TYPES_ARE_ALLOW_LISTED.check(
                importOnly("dev.converge.engine.archfixture.UnlistedPublicType")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.converge.engine.archfixture.UnlistedPublicType");
    }

    @Test
    void publicTypesOnTheListsPass() {
        assertThatCode(() -> EngineBoundary.ENGINE_PUBLIC_TYPES_ARE_ALLOW_LISTED.check(importOnly(
                "dev.converge.engine.automation.StackEngine", "dev.converge.engine.state.StateSession")))
                .doesNotThrowAnyException();
    }

    @Test
    void codeOutsideTheEngineThatUsesAnInternalTypeIsReported() {
        assertThatThrownBy(() -> EngineBoundary.NOTHING_OUTSIDE_THE_ENGINE_USES_ITS_INTERNALS.check(
                importOnly(LockGrabber.class.getName())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LockGrabber")
                .hasMessageContaining("dev.converge.engine.state.StateSession");
    }

    @Test
    void codeOutsideTheEngineMayUseTheAutomationApi() {
        assertThatCode(() -> EngineBoundary.NOTHING_OUTSIDE_THE_ENGINE_USES_ITS_INTERNALS.check(
                importOnly(ReleaseScript.class.getName()))).doesNotThrowAnyException();
    }

    @Test
    void aCommandThatOpensAStateSessionIsReported() {
        assertThatThrownBy(() -> EngineBoundary.THE_CLI_USES_ONLY_THE_SURFACE.check(
                importOnly("dev.converge.engine.cli.CommandThatLocksTheStack")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CommandThatLocksTheStack")
                .hasMessageContaining("StateSession");
    }
}
