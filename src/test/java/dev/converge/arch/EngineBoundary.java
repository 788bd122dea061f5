package dev.converge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's boundary (docs/architecture.md, "The boundary"). Java without a module path cannot hide a
 * type that two of the engine's packages use, so the engine's public types are two explicit lists: the
 * {@link #SURFACE}, the stable API of docs/automation.md, and {@link #INTERNAL}, public only because another
 * engine package uses it. A new public type fails the build until it is put on one list on purpose; nothing
 * outside the engine, and not the command line, may use an internal one.
 */
final class EngineBoundary {

    private static final String ENGINE = "dev.converge.engine";

    /** The stable API: the Automation API, the command-line entry, and the values they take and return. */
    static final Set<String> SURFACE = names(
            "Converge", "Cli", "ConvergeException", "cli.Launcher",
            "automation.StackEngine", "automation.StackEngineBuilder", "automation.PlanRequest",
            "automation.ApplyRequest", "automation.RollbackRequest", "automation.Approval",
            "automation.EngineListener", "automation.EngineEvent", "automation.ApplyResult",
            "automation.ResourceOutcome", "automation.Recovered", "automation.RollbackResult",
            "automation.DeploymentResult", "automation.RefreshResult", "automation.ImportResult",
            "automation.ProgramGraph", "automation.PendingOperation", "automation.PausedDeployment",
            "automation.Release", "automation.ReleaseStats",
            "plan.Plan", "plan.Change", "plan.Drift", "plan.PlanOptions", "plan.ReplacementReason",
            "plan.PlanRenderer", "plan.PlanJson",
            "state.State", "state.ResourceState", "state.DeposedKey", "state.LocalStateBackend",
            "policy.Policy", "policy.PolicyInput", "policy.PlannedResource", "policy.Violation",
            "policy.StarterPolicies");

    /** Public only because another engine package uses it (named there); not API, may change any time. */
    static final Set<String> INTERNAL = names(
            "cli.RootCommand",                                                     // Cli
            "apply.Executor", "apply.ExecutionResult", "apply.Progress", "apply.Recovery", // automation
            "apply.Reads",                                                         // automation
            "declare.Declarations", "declare.DeclaredResource",                    // graph, plan, apply, policy
            "declare.DeclaredReference",                                           // graph, plan
            "declare.StackCollector", "declare.StackConfig",                       // automation
            "declare.ProviderConfiguration",                                       // plan
            "graph.Graph", "graph.GraphBuilder", "graph.ResourceGraph",            // plan, apply, policy
            "plan.Planner", "plan.Refresher", "plan.Providers",                    // automation, apply
            "plan.InputResolver", "plan.DiffRules", "plan.OutputsWithId",          // apply
            "plan.ReadCalls",                                                      // apply, automation
            "plan.ExternalReads",                                                  // automation, apply
            "policy.PolicyCheck",                                                  // automation
            "state.StateSession", "state.JournalOperation", "state.SecretKeySource", "state.Takeover", // apply, automation
            "deploy.DeployProvider", "deploy.DeploymentEvents");                   // automation

    private EngineBoundary() {
    }

    private static Set<String> names(String... relative) {
        Set<String> names = new TreeSet<>();
        for (String name : relative) {
            names.add(ENGINE + "." + name);
        }
        return names;
    }

    /** Whether a class is, or is nested in, an internal type. */
    static final DescribedPredicate<JavaClass> INTERNAL_TYPE = DescribedPredicate.describe(
            "internal types of the engine (EngineBoundary.INTERNAL)", c -> INTERNAL.contains(topLevel(c).getName()));

    private static final DescribedPredicate<JavaClass> ALLOW_LISTED = DescribedPredicate.describe(
            "on EngineBoundary.SURFACE or EngineBoundary.INTERNAL",
            c -> SURFACE.contains(c.getName()) || INTERNAL.contains(c.getName()));

    private static JavaClass topLevel(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    static final ArchRule ENGINE_PUBLIC_TYPES_ARE_ALLOW_LISTED = classes()
            .that().resideInAPackage(ENGINE + "..").and().arePublic().and().areTopLevelClasses()
            .should(com.tngtech.archunit.lang.conditions.ArchConditions.be(ALLOW_LISTED))
            .because("a public type of the engine is reachable by every user: it is API (docs/automation.md) "
                    + "or, when another engine package needs it, an internal type named on purpose");

    static final ArchRule NOTHING_OUTSIDE_THE_ENGINE_USES_ITS_INTERNALS = noClasses()
            .that().resideOutsideOfPackage(ENGINE + "..")
            .should().dependOnClassesThat(INTERNAL_TYPE)
            .because("the test kit, the providers, the examples and the benchmarks use the engine only through "
                    + "its stable API, the Automation API above all");

    static final ArchRule THE_CLI_USES_ONLY_THE_SURFACE = noClasses()
            .that().resideInAPackage(ENGINE + ".cli..")
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "internal types of the engine outside the command line",
                    (JavaClass c) -> INTERNAL_TYPE.test(c) && !c.getPackageName().startsWith(ENGINE + ".cli")))
            .because("the command line is an adapter over the Automation API: it touches no lock, journal, "
                    + "recovery or state session, and no provider of the engine's own");
}
