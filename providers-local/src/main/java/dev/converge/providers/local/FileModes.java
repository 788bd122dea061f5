package dev.converge.providers.local;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses and formats POSIX permission modes such as {@code 0644}. Pure and thread-safe. */
final class FileModes {

    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    /** Owner, group, others; read, write, execute: the order of the bits from high to low. */
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
    };

    private FileModes() {
    }

    /** True for {@code 644} or {@code 0644}; special bits (setuid, sticky) are not supported. */
    static boolean isValid(String mode) {
        return mode != null && MODE.matcher(mode.strip()).matches();
    }

    /** The permissions of a valid mode; empty for an invalid one. */
    static Optional<Set<PosixFilePermission>> parse(String mode) {
        if (!isValid(mode)) {
            return Optional.empty();
        }
        int bits = Integer.parseInt(mode.strip(), 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & (1 << (BITS.length - 1 - i))) != 0) {
                permissions.add(BITS[i]);
            }
        }
        return Optional.of(permissions);
    }

    /** The four-digit form, such as {@code 0755}. */
    static String format(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (permissions.contains(BITS[i])) {
                bits |= 1 << (BITS.length - 1 - i);
            }
        }
        return String.format("0%03o", bits);
    }

    /**
     * The mode to report as observed: the declared spelling when it means the same permissions (so
     * {@code 644} does not show as drift against {@code 0644}), otherwise the observed four digits.
     */
    static String observed(Set<PosixFilePermission> actual, String declared) {
        if (declared != null && parse(declared).map(actual::equals).orElse(false)) {
            return declared;
        }
        return format(actual);
    }
}
