package dev.converge.providers.local;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills {@code ${name}} placeholders from a map. {@code $${} writes a literal {@code ${}. Pure and
 * thread-safe.
 */
final class Templates {

    private Templates() {
    }

    /**
     * The template with every placeholder replaced by the string form of its variable.
     *
     * @throws IllegalArgumentException naming the variables the map lacks, or an unclosed placeholder
     */
    static String render(String template, Map<String, ?> vars) {
        StringBuilder out = new StringBuilder(template.length());
        Set<String> missing = new LinkedHashSet<>();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (template.startsWith("${", i)) {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '${' at character " + i + " of the template");
                }
                String name = template.substring(i + 2, end).strip();
                if (vars.containsKey(name) && vars.get(name) != null) {
                    out.append(vars.get(name));
                } else {
                    missing.add(name);
                }
                i = end + 1;
            } else {
                out.append(template.charAt(i));
                i++;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the template uses variables missing from 'vars': "
                    + String.join(", ", missing));
        }
        return out.toString();
    }
}
