package org.manyfaces.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Collects one row per reliability case (area, case, what was observed, PASS/FAIL) while the
 * {@code Fault*IT} / {@code Soak*IT} classes run, and writes them to {@code target/reliability/<Class>.md}
 * (one table fragment per class). {@code scripts/reliability-table.sh} joins the fragments into
 * {@code docs/reliability.md}. A case that fails is recorded as FAIL with its assertion message and the
 * failure is rethrown, so the table never shows a pass the build did not see.
 */
final class ReliabilityTable {
    private final String owner;
    private final List<String> rows = new ArrayList<>();

    ReliabilityTable(Class<?> owner) {
        this(owner, "");
    }

    /** {@code suffix} keeps a variant run (the long soak) from overwriting the default run's fragment. */
    ReliabilityTable(Class<?> owner, String suffix) {
        this.owner = owner.getSimpleName() + suffix;
    }

    /** Runs {@code body} (which returns a one-line account of what it observed) and records the row. */
    synchronized void check(String area, String name, Callable<String> body) throws Exception {
        try {
            String observed = body.call();
            rows.add(row(area, name, observed, "PASS"));
        } catch (org.opentest4j.TestAbortedException e) {
            // Shared models/media missing outside CI: the case did not run here.
            rows.add(row(area, name, String.valueOf(e.getMessage()), "SKIPPED"));
            throw e;
        } catch (Exception | AssertionError e) {
            String why = String.valueOf(e.getMessage());
            int nl = why.indexOf('\n');
            rows.add(row(area, name, nl < 0 ? why : why.substring(0, nl), "FAIL"));
            throw e;
        }
    }

    /** Records a case that could not run here (missing shared models and the like) with the reason. */
    synchronized void skipped(String area, String name, String why) {
        rows.add(row(area, name, why, "SKIPPED"));
    }

    private static String row(String area, String name, String observed, String result) {
        return "| " + cell(area) + " | " + cell(name) + " | " + cell(observed) + " | " + result + " |";
    }

    private static String cell(String s) {
        String one = s.replace('\n', ' ').replace("|", "\\|");
        return one.length() > 400 ? one.substring(0, 397) + "..." : one;
    }

    /** Writes this class's rows (sorted, so reruns diff cleanly) to target/reliability/<Class>.md. */
    synchronized void write() throws IOException {
        Path dir = Path.of(System.getProperty("manyfaces.reliability.dir", "target/reliability"));
        Files.createDirectories(dir);
        List<String> sorted = new ArrayList<>(rows);
        sorted.sort(null);
        Files.writeString(dir.resolve(owner + ".md"), String.join("\n", sorted) + "\n", StandardCharsets.UTF_8);
    }
}
