package dev.converge.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds on the complexity of infrastructure code, as ArchUnit rules; the complexity of the
 * deployment is a quality of the system, so it gets a budget like any other. Immutable: each method
 * returns a changed copy. A threshold of {@code Integer.MAX_VALUE} turns a rule off.
 *
 * @param basePackage the code under budget
 * @param resourcesPerMethod {@code add(...)} calls on a stack or scope in one method
 * @param resourcesPerComponent {@code add(...)} calls in all classes of one component (sub-package)
 * @param methodsPerProgram methods of one class implementing {@code Program} (lambdas not counted)
 * @param componentFanOut other components one component depends on
 * @param classFanOut other classes of the base package one class depends on
 * @param methodLines lines of one method, from its first to its last line with code (approximate: from
 *     the class file's line numbers)
 */
public record ComplexityBudget(String basePackage, int resourcesPerMethod, int resourcesPerComponent,
        int methodsPerProgram, int componentFanOut, int classFanOut, int methodLines) {

    /** Defaults that leave room for a typical service stack and stop a sprawling one. */
    public static ComplexityBudget of(String basePackage) {
        return new ComplexityBudget(basePackage, 15, 40, 15, 5, 12, 60);
    }

    public ComplexityBudget maxResourcesPerMethod(int max) {
        return new ComplexityBudget(basePackage, max, resourcesPerComponent, methodsPerProgram, componentFanOut,
                classFanOut, methodLines);
    }

    public ComplexityBudget maxResourcesPerComponent(int max) {
        return new ComplexityBudget(basePackage, resourcesPerMethod, max, methodsPerProgram, componentFanOut,
                classFanOut, methodLines);
    }

    public ComplexityBudget maxMethodsPerProgram(int max) {
        return new ComplexityBudget(basePackage, resourcesPerMethod, resourcesPerComponent, max, componentFanOut,
                classFanOut, methodLines);
    }

    public ComplexityBudget maxComponentFanOut(int max) {
        return new ComplexityBudget(basePackage, resourcesPerMethod, resourcesPerComponent, methodsPerProgram, max,
                classFanOut, methodLines);
    }

    public ComplexityBudget maxClassFanOut(int max) {
        return new ComplexityBudget(basePackage, resourcesPerMethod, resourcesPerComponent, methodsPerProgram,
                componentFanOut, max, methodLines);
    }

    public ComplexityBudget maxMethodLines(int max) {
        return new ComplexityBudget(basePackage, resourcesPerMethod, resourcesPerComponent, methodsPerProgram,
                componentFanOut, classFanOut, max);
    }

    /** One rule per threshold. */
    public List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(resourcesPerMethodRule());
        rules.add(methodsPerProgramRule());
        rules.add(methodLinesRule());
        rules.add(classFanOutRule());
        rules.add(Metrics.componentRule(basePackage, "declares at most " + resourcesPerComponent + " resources",
                Metrics::resourceDeclarations, resourcesPerComponent, "resource declarations"));
        rules.add(Metrics.componentRule(basePackage, "depends on at most " + componentFanOut + " other components",
                classes -> Metrics.componentDependencies(basePackage, classes).size(), componentFanOut,
                "other components depended on"));
        return rules;
    }

    ArchRule resourcesPerMethodRule() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(basePackage + "..")
                .should(Metrics.atMost("declare at most " + resourcesPerMethod + " resources (stack.add calls)",
                        (JavaMethod m) -> Metrics.resourceDeclarations(m), resourcesPerMethod, "resources declared"))
                .allowEmptyShould(true);
    }

    ArchRule methodsPerProgramRule() {
        return classes().that().resideInAPackage(basePackage + "..").and(Metrics.PROGRAMS)
                .should(Metrics.atMost("have at most " + methodsPerProgram + " methods",
                        (JavaClass c) -> Metrics.ownMethods(c).size(), methodsPerProgram, "methods"))
                .allowEmptyShould(true);
    }

    ArchRule methodLinesRule() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(basePackage + "..")
                .should(Metrics.atMost("have at most " + methodLines + " lines",
                        (JavaMethod m) -> Metrics.lines(m), methodLines, "lines"))
                .allowEmptyShould(true);
    }

    ArchRule classFanOutRule() {
        return classes().that().resideInAPackage(basePackage + "..").and().areTopLevelClasses()
                .should(Metrics.atMost("depend on at most " + classFanOut + " other classes of " + basePackage,
                        (JavaClass c) -> Metrics.classFanOut(c, basePackage).size(), classFanOut,
                        "classes depended on"))
                .allowEmptyShould(true);
    }
}
