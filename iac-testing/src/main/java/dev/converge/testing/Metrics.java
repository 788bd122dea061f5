package dev.converge.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/** The measurements behind {@link ComplexityBudget}, on ArchUnit's imported classes. Pure. */
final class Metrics {

    private static final Set<String> SCOPES = Set.of(dev.converge.api.Scope.class.getName(),
            dev.converge.api.Stack.class.getName());

    /**
     * Classes implementing {@code Program}, by the interface's name, so that it also works with ArchUnit's
     * class path resolution turned off.
     */
    static final DescribedPredicate<JavaClass> PROGRAMS = new DescribedPredicate<>("implement Program") {
        @Override
        public boolean test(JavaClass c) {
            return !c.isInterface() && c.getAllRawInterfaces().stream()
                    .anyMatch(i -> i.getName().equals(dev.converge.api.Program.class.getName()));
        }
    };

    private Metrics() {
    }

    /** A condition that fails every object whose measure exceeds {@code max}, naming the measure. */
    static <T> ArchCondition<T> atMost(String description, ToIntFunction<T> measure, int max, String unit) {
        return new ArchCondition<>(description) {
            @Override
            public void check(T item, ConditionEvents events) {
                int value = measure.applyAsInt(item);
                if (value > max) {
                    events.add(SimpleConditionEvent.violated(item, describe(item) + " has " + value + " " + unit
                            + " (budget " + max + ")"));
                }
            }
        };
    }

    /** A rule over whole components (the first package level below {@code basePackage}). */
    static ArchRule componentRule(String basePackage, String description, ToIntFunction<Collection<JavaClass>> measure,
            int max, String unit) {
        ArchCondition<JavaClass> condition = new ArchCondition<>(description) {
            private final Map<String, List<JavaClass>> components = new TreeMap<>();

            @Override
            public void init(Collection<JavaClass> all) {
                components.clear();
                all.forEach(c -> components.computeIfAbsent(component(basePackage, c), k -> new ArrayList<>()).add(c));
            }

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                // Measured per component in finish().
            }

            @Override
            public void finish(ConditionEvents events) {
                components.forEach((name, members) -> {
                    int value = measure.applyAsInt(members);
                    if (value > max) {
                        events.add(SimpleConditionEvent.violated(name, "component " + name + " has " + value + " "
                                + unit + " (budget " + max + ")"));
                    }
                });
            }
        };
        return classes().that().resideInAPackage(basePackage + "..").should(condition).allowEmptyShould(true)
                .as("every component of " + basePackage + " " + description);
    }

    /** The component of a class: its first package segment below the base, or {@code (root)}. */
    static String component(String basePackage, JavaClass c) {
        String pkg = c.getPackageName();
        if (pkg.length() <= basePackage.length()) {
            return "(root)";
        }
        String rest = pkg.substring(basePackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Calls of {@code add(...)} on a stack or scope in a method and the lambdas written in it. */
    static int resourceDeclarations(JavaMethod method) {
        int count = 0;
        for (JavaCodeUnit unit : withLambdas(method)) {
            count += (int) unit.getMethodCallsFromSelf().stream().filter(Metrics::isResourceDeclaration).count();
        }
        return count;
    }

    /** Calls of {@code add(...)} on a stack or scope anywhere in these classes. */
    static int resourceDeclarations(Collection<JavaClass> classes) {
        return (int) classes.stream().flatMap(c -> c.getMethodCallsFromSelf().stream())
                .filter(Metrics::isResourceDeclaration).count();
    }

    static boolean isResourceDeclaration(JavaMethodCall call) {
        // By name as well: with ArchUnit's class path resolution turned off (faster), the target's
        // supertypes are unknown.
        JavaClass owner = call.getTargetOwner();
        return call.getName().equals("add") && (SCOPES.contains(owner.getName())
                || owner.isAssignableTo(dev.converge.api.Scope.class));
    }

    /** Methods a person wrote: no lambdas, bridges or other synthetic methods. */
    static List<JavaMethod> ownMethods(JavaClass c) {
        return c.getMethods().stream().filter(m -> !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                && !m.getModifiers().contains(JavaModifier.BRIDGE) && !m.getName().startsWith("lambda$")).toList();
    }

    /** Lines from the first to the last line with code of a method and the lambdas in it (0 if unknown). */
    static int lines(JavaMethod method) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (JavaCodeUnit unit : withLambdas(method)) {
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                first = Math.min(first, access.getLineNumber());
                last = Math.max(last, access.getLineNumber());
            }
        }
        return first == Integer.MAX_VALUE || first <= 0 ? 0 : last - first + 1;
    }

    /** The top-level classes of {@code basePackage} that {@code c} depends on, itself excluded. */
    static Set<String> classFanOut(JavaClass c, String basePackage) {
        String self = topLevel(c).getName();
        Set<String> targets = new TreeSet<>();
        for (Dependency dependency : c.getDirectDependenciesFromSelf()) {
            JavaClass target = topLevel(dependency.getTargetClass().getBaseComponentType());
            if (target.getPackageName().startsWith(basePackage) && !target.getName().equals(self)) {
                targets.add(target.getName());
            }
        }
        return targets;
    }

    /** The other components of {@code basePackage} that these classes depend on. */
    static Set<String> componentDependencies(String basePackage, Collection<JavaClass> classes) {
        Set<String> own = new TreeSet<>();
        classes.forEach(c -> own.add(component(basePackage, c)));
        Set<String> others = new TreeSet<>();
        for (JavaClass c : classes) {
            for (Dependency dependency : c.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                String pkg = target.getPackageName();
                if (pkg.equals(basePackage) || pkg.startsWith(basePackage + ".")) {
                    String component = component(basePackage, target);
                    if (!own.contains(component)) {
                        others.add(component);
                    }
                }
            }
        }
        return others;
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass current = c;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    private static List<JavaCodeUnit> withLambdas(JavaMethod method) {
        List<JavaCodeUnit> units = new ArrayList<>();
        units.add(method);
        String prefix = "lambda$" + method.getName() + "$";
        method.getOwner().getCodeUnits().stream().filter(u -> u.getName().startsWith(prefix)).forEach(units::add);
        return units;
    }

    private static String describe(Object item) {
        if (item instanceof JavaMethod method) {
            return method.getFullName() + " (" + method.getSourceCodeLocation() + ")";
        }
        if (item instanceof JavaClass c) {
            return c.getName();
        }
        return String.valueOf(item);
    }
}
