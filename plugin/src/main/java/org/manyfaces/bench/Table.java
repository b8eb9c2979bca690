package org.manyfaces.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table printed as Markdown (pipes, aligned columns), so the bench output reads well in a terminal
 * and pastes unchanged into {@code docs/performance.md}.
 */
public final class Table {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    public void row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
    }

    public void print(PrintStream out) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(3, header.get(i).length());
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        out.println();
        out.println("#### " + title);
        out.println();
        line(out, header, w);
        StringBuilder sep = new StringBuilder("|");
        for (int width : w) {
            sep.append('-').append("-".repeat(width)).append("-|");
        }
        out.println(sep);
        for (List<String> r : rows) {
            line(out, r, w);
        }
        out.flush();
    }

    private static void line(PrintStream out, List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            b.append(' ').append(c).append(" ".repeat(w[i] - c.length())).append(" |");
        }
        out.println(b);
    }
}
