package org.manyfaces.video;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A printf-style image sequence file name with exactly one frame-number field: {@code %d} or
 * {@code %0Nd} (as FFmpeg and most compositors write them), e.g. {@code shots/frame_%04d.png}.
 * {@code %%} stands for a literal percent sign.
 */
public final class SequencePattern {
    private static final Pattern FIELD = Pattern.compile("%(0?\\d*)d");

    private final String pattern;
    private final String prefix;
    private final String suffix;
    private final int width;

    private SequencePattern(String pattern, String prefix, String suffix, int width) {
        this.pattern = pattern;
        this.prefix = prefix;
        this.suffix = suffix;
        this.width = width;
    }

    /** True when {@code spec} contains a frame-number field. */
    public static boolean looksLikePattern(String spec) {
        return FIELD.matcher(spec.replace("%%", "")).find();
    }

    /** @throws IllegalArgumentException unless the name holds exactly one {@code %d}/{@code %0Nd} field */
    public static SequencePattern parse(String spec) {
        String masked = spec.replace("%%", "\u0000\u0000");
        Matcher m = FIELD.matcher(masked);
        if (!m.find()) {
            throw new IllegalArgumentException("image sequence name '" + spec + "' has no %d or %04d frame number field");
        }
        int start = m.start();
        int end = m.end();
        String flags = m.group(1);
        if (m.find()) {
            throw new IllegalArgumentException("image sequence name '" + spec + "' has more than one frame number field");
        }
        String rest = masked.substring(0, start) + masked.substring(end);
        if (rest.indexOf('%') >= 0) {
            throw new IllegalArgumentException("image sequence name '" + spec + "' has a stray '%' (write %% for a percent sign)");
        }
        int width = flags.isEmpty() ? 0 : Integer.parseInt(flags);
        String prefix = masked.substring(0, start).replace("\u0000\u0000", "%");
        String suffix = masked.substring(end).replace("\u0000\u0000", "%");
        return new SequencePattern(spec, prefix, suffix, width);
    }

    /** The file name for frame number {@code n}. */
    public String format(long n) {
        String digits = width > 0 ? String.format(Locale.ROOT, "%0" + width + "d", n) : Long.toString(n);
        return prefix + digits + suffix;
    }

    /**
     * True when a file name (without folder) is one of this sequence's frame names: the pattern's own name
     * part with digits in place of the field (at least the field's width when it is zero-padded).
     */
    public boolean matches(String fileName) {
        if (suffix.contains("/")) {
            return false; // the field is in a folder name; frames are not told apart by file name
        }
        String withDigit = Path.of(prefix + "0").getFileName().toString();
        String namePrefix = withDigit.substring(0, withDigit.length() - 1);
        if (!fileName.startsWith(namePrefix) || !fileName.endsWith(suffix)
                || fileName.length() < namePrefix.length() + suffix.length() + Math.max(1, width)) {
            return false;
        }
        String digits = fileName.substring(namePrefix.length(), fileName.length() - suffix.length());
        return digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public Path path(long n) {
        return Path.of(format(n));
    }

    /** Lower-case extension of the file names ("png", "exr"), or "" when there is none. */
    public String extension() {
        String name = Path.of(format(0)).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
