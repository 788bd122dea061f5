package dev.converge.operator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the Stack resource writes them: hours, minutes and seconds in that order, each optional but
 * not all, such as {@code 90s}, {@code 10m}, {@code 1h30m}. The CRD's schema checks the same pattern. Pure.
 */
public final class Durations {

    /** The pattern the CRD's OpenAPI schema uses for every duration field. */
    public static final String PATTERN = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$";

    private static final Pattern FORMAT = Pattern.compile("([0-9]+h)?([0-9]+m)?([0-9]+s)?");

    private Durations() {
    }

    /**
     * The duration {@code text} names.
     *
     * @throws IllegalArgumentException naming the text and the format when it is not one
     */
    public static Duration parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.strip());
        if (text == null || text.isBlank() || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write hours, minutes and seconds"
                    + " such as 90s, 10m or 1h30m");
        }
        Duration total = Duration.ZERO;
        total = total.plusHours(part(matcher.group(1)));
        total = total.plusMinutes(part(matcher.group(2)));
        return total.plusSeconds(part(matcher.group(3)));
    }

    /** {@code 1h30m}, {@code 45s}, {@code 0s}: the shortest text {@link #parse} reads back as {@code duration}. */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || text.length() == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    private static long part(String group) {
        return group == null ? 0 : Long.parseLong(group.substring(0, group.length() - 1));
    }
}
