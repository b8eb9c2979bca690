package org.manyfaces.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps help text at spaces only. Picocli wraps with {@link java.text.BreakIterator}'s line rules, which also
 * break after '.', '/' and '-' inside a word, so names the user must type come out torn
 * ("FaceFusion's .\nassets/models", "(.mp4, .\nmov"). The command line therefore lets picocli lay the help
 * out on one very long line per entry ({@link #UNWRAPPED_WIDTH}) and wraps it here: continuation lines are
 * indented like picocli's own (two past a table's description column, under the first option of the
 * synopsis, or like the paragraph), and a word longer than the width is left whole rather than cut.
 */
final class HelpWrapping {
    /** The usage width picocli is given: wide enough that it never wraps an entry itself. */
    static final int UNWRAPPED_WIDTH = 4000;
    /** The width used when the terminal's is not known ($COLUMNS unset): what every terminal shows. */
    static final int DEFAULT_WIDTH = 80;

    /** Two or more spaces after some text: the gap before a table's description column. */
    private static final Pattern COLUMN_GAP = Pattern.compile("\\S( {2,})(?=\\S)");
    /** "Usage: manyfaces models install " : the synopsis continues under what follows the command's words. */
    private static final Pattern SYNOPSIS = Pattern.compile("^Usage: (?:[a-z][a-z0-9-]* )+");

    private HelpWrapping() {
    }

    /** The width to wrap at: {@code $COLUMNS} when it is a sensible number, else {@value #DEFAULT_WIDTH}. */
    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            int w = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
            return w >= 40 && w <= 500 ? w : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** Wraps every line of {@code text} (lines end in '\n') to at most {@code width} columns at spaces. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            for (String line : wrapLine(text.substring(start, end), width)) {
                out.append(line).append('\n');
            }
            start = end + 1;
        }
        if (!text.endsWith("\n") && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    static List<String> wrapLine(String line, int width) {
        String candidate = line.stripTrailing();
        int hang = hangingIndent(candidate, width);
        int lead = candidate.length() - candidate.stripLeading().length();
        // First line: break only inside its text (after the column gap of a table row), never before it.
        int minBreak = hang > lead ? hang - 2 : lead + 1;
        List<String> lines = new ArrayList<>();
        while (candidate.length() > width) {
            int cut = breakAt(candidate, minBreak, width);
            if (cut < 0) {
                break; // a single word wider than the room: left whole
            }
            lines.add(candidate.substring(0, cut).stripTrailing());
            candidate = " ".repeat(hang) + candidate.substring(cut).stripLeading();
            minBreak = hang + 1;
        }
        lines.add(candidate);
        return lines;
    }

    /** The last space at or before {@code width} and not before {@code minBreak}; else the first one after. */
    private static int breakAt(String line, int minBreak, int width) {
        int last = -1;
        for (int i = Math.max(1, minBreak); i < line.length(); i++) {
            if (line.charAt(i) == ' ' && line.charAt(i - 1) != ' ') {
                if (i <= width) {
                    last = i;
                } else {
                    return last >= 0 ? last : i;
                }
            }
        }
        return last;
    }

    /** The indentation of continuation lines, as picocli lays them out. */
    static int hangingIndent(String line, int width) {
        Matcher usage = SYNOPSIS.matcher(line);
        if (usage.find()) {
            return usage.end();
        }
        Matcher gap = COLUMN_GAP.matcher(line);
        if (gap.find() && gap.end(1) <= width / 2) {
            return gap.end(1) + 2;
        }
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        // A description that picocli starts on its own line (the option name is too long for the column) is
        // deeply indented: its continuation goes two further, like the table rows'. A paragraph keeps its indent.
        return lead > 2 ? lead + 2 : lead;
    }

    /**
     * A writer that re-wraps, line by line, what picocli writes to it (help and version text only: the
     * commands print their data to their own streams).
     */
    static Writer wrapping(Writer target, int width) {
        return new FilterWriter(target) {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public void write(int c) throws IOException {
                write(new char[] {(char) c}, 0, 1);
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                pending.append(cbuf, off, len);
                int nl = pending.lastIndexOf("\n");
                if (nl >= 0) {
                    out.write(wrap(pending.substring(0, nl + 1), width));
                    pending.delete(0, nl + 1);
                }
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                write(str.toCharArray(), off, len);
            }

            @Override
            public void flush() throws IOException {
                if (pending.length() > 0) {
                    out.write(wrap(pending.toString(), width));
                    pending.setLength(0);
                }
                out.flush();
            }
        };
    }
}
