package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manyfaces.it.ReliabilityRuns.assertSurvived;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load, unload and long runs through the test host, with its {@code --report-resources} lines (open fds,
 * threads and RSS of the host process, read from /proc):
 * <ul>
 * <li>many unload/reload cycles reuse the one JVM and leak nothing;</li>
 * <li>3 instances x 8 host render threads x 500 frames give byte-identical outputs to a serial render;</li>
 * <li>a long 720p run through one instance: RSS after warm-up grows at most 5 %, fds and threads stay flat.
 * The default build renders {@value #DEFAULT_SOAK_FRAMES} frames; {@code -Dmanyfaces.soak=true} renders
 * {@value #LONG_SOAK_FRAMES} (or {@code -Dmanyfaces.soak.frames=N}) with the same assertions.</li>
 * </ul>
 *
 * <p>The soak JVM gets a fixed, pre-touched heap ({@value #SOAK_JVM_OPTS}, through MANYFACES_JVM_OPTS). A
 * render leaves a few KB of short-lived objects behind (views, rectangles, JNA pointers and strings); with
 * G1's default sizing the heap takes fresh pages for thousands of frames before it first collects, and then
 * promotes and grows its old generation up to its marking threshold, all of which raises RSS although
 * nothing is retained. With every heap page touched at start-up, RSS after warm-up moves only with what a
 * leak would add outside the heap (native memory, code, threads), and a leak inside the heap fills the
 * 64 MB and fails frames with kOfxStatErrMemory, which the all-frames-rendered assertion catches.
 */
class SoakIT {
    static final int DEFAULT_SOAK_FRAMES = 500;
    static final int LONG_SOAK_FRAMES = 10_000;
    static final String SOAK_JVM_OPTS = "-Xms64m -Xmx64m -XX:+AlwaysPreTouch";
    /** Threads the JVM starts and stops on its own (compiler, GC workers) during a run. */
    static final int TRANSIENT_THREADS = 2;
    private static final ReliabilityTable TABLE = new ReliabilityTable(SoakIT.class,
            soakFrames() == DEFAULT_SOAK_FRAMES ? "" : "-long");

    @TempDir
    Path dir;

    @AfterAll
    static void writeTable() throws Exception {
        TABLE.write();
    }

    /** One {@code resources} line. */
    record Resources(int done, int fds, int threads, long rssKb) {
        static Resources of(TestHost.Line l) {
            return new Resources(l.fields().containsKey("done") ? l.getInt("done") : -1, l.getInt("fds"),
                    l.getInt("threads"), Long.parseLong(l.get("rss_kb")));
        }
    }

    private static List<Resources> resources(TestHost.Result r) {
        return r.all("resources").stream().map(Resources::of).toList();
    }

    private static Resources last(TestHost.Result r) {
        List<Resources> all = resources(r);
        assertTrue(!all.isEmpty() && all.get(all.size() - 1).done() == -1, "final resources line\n" + r);
        return all.get(all.size() - 1);
    }

    @Test
    void reloadingReusesTheJvmAndLeaksNothing() throws Exception {
        TABLE.check("Load/unload", "--reload 2 vs --reload 40 (load/Describe/Unload/dlclose cycles), then render",
                () -> {
            TestImage src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
            Path in = dir.resolve("in.pam");
            src.write(in);
            String out = dir.resolve("r_%04d.pam").toString();
            TestHost.Result few = TestHost.run(ReliabilityRuns.negativeArgs(in, out, 0, 1, "--reload", "2",
                    "--report-resources"));
            TestHost.Result many = TestHost.run(ReliabilityRuns.negativeArgs(in, out, 0, 1, "--reload", "40",
                    "--report-resources"));
            assertSurvived(few);
            assertSurvived(many);
            assertEquals(40, many.all("reload").size(), many.toString());
            many.all("reload").forEach(l -> assertEquals(0, l.getInt("load") | l.getInt("describe") | l.getInt("unload"),
                    many.toString()));
            assertEquals(Map.of(0, 0, 1, 0), ReliabilityRuns.statuses(many), many.toString());
            ReliabilityRuns.assertNegativeFrames(src, out, 0, 1);
            Resources a = last(few);
            Resources b = last(many);
            // A second JVM (or a JVM per load) would add its threads; a leaked dlopen or jar its fds.
            assertEquals(a.threads(), b.threads(), "threads after 2 vs 40 reloads");
            assertEquals(a.fds(), b.fds(), "fds after 2 vs 40 reloads");
            long grown = b.rssKb() - a.rssKb();
            assertTrue(grown < 16 * 1024, "RSS grew " + grown + " KiB over 38 more reloads");
            return "exit 0; all 40 cycles OK; frames render correctly after; threads " + a.threads() + " -> "
                    + b.threads() + ", fds " + a.fds() + " -> " + b.fds() + ", RSS " + a.rssKb() + " -> " + b.rssKb()
                    + " KiB (one JVM, reused)";
        });
    }

    @Test
    void concurrentInstancesMatchASerialRender() throws Exception {
        int frames = 500;
        TABLE.check("Load", "3 instances x 8 host threads x " + frames + " frames (64x36, keyed Mix) vs serial", () -> {
            TestImage src = TestImage.pattern(64, 36);
            Path in = dir.resolve("in.pam");
            src.write(in);
            String[] keys = {"--set", "model=1", "--set", ReliabilityRuns.NO_WATERMARK, "--key", "mix@0=0", "--key", "mix@" + (frames - 1) + "=1"};
            String serial = dir.resolve("s_%04d.pam").toString();
            String parallel = dir.resolve("p_%04d.pam").toString();
            long t0 = System.nanoTime();
            TestHost.Result s = TestHost.run(concat(new String[] {"--plugin", ReliabilityRuns.TRANSLATE, "--input",
                    in.toString(), "--frames", "0-" + (frames - 1), "--output", serial}, keys));
            long t1 = System.nanoTime();
            TestHost.Result p = TestHost.run(concat(new String[] {"--plugin", ReliabilityRuns.TRANSLATE, "--input",
                    in.toString(), "--frames", "0-" + (frames - 1), "--output", parallel, "--instances", "3",
                    "--threads", "8", "--order", "shuffle"}, keys));
            long t2 = System.nanoTime();
            assertSurvived(s);
            assertSurvived(p);
            assertEquals(frames, s.one("summary").getInt("rendered"), s.toString());
            assertEquals(3 * frames, p.one("summary").getInt("rendered"), p.toString());
            int differing = 0;
            for (int f = 0; f < frames; f++) {
                byte[] expected = Files.readAllBytes(Path.of(String.format(serial, f)));
                for (int i = 0; i < 3; i++) {
                    String name = String.format(parallel, f).replace(".pam", "_i" + i + ".pam");
                    if (!java.util.Arrays.equals(expected, Files.readAllBytes(Path.of(name)))) {
                        differing++;
                    }
                }
            }
            assertEquals(0, differing, "outputs differing from the serial render");
            // The mix really varies over the range, so identical files are not identical by accident.
            assertTrue(!java.util.Arrays.equals(Files.readAllBytes(Path.of(String.format(serial, 0))),
                    Files.readAllBytes(Path.of(String.format(serial, frames - 1)))));
            return "exit 0; all " + 3 * frames + " outputs byte-identical to the serial render; serial "
                    + (t1 - t0) / 1_000_000 + " ms, concurrent " + (t2 - t1) / 1_000_000 + " ms (2-core machine)";
        });
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static int soakFrames() {
        String n = System.getProperty("manyfaces.soak.frames");
        if (n != null && !n.isBlank()) {
            return Integer.parseInt(n.trim());
        }
        return Boolean.getBoolean("manyfaces.soak") ? LONG_SOAK_FRAMES : DEFAULT_SOAK_FRAMES;
    }

    @Test
    void longRunAt720pKeepsMemoryFdsAndThreadsFlat() throws Exception {
        int frames = soakFrames();
        TABLE.check("Soak", frames + " frames at 1280x720 through one instance (RSS after warm-up, fds, threads)", () -> {
            TestImage src = TestImage.pattern(1280, 720);
            Path in = dir.resolve("hd.pam");
            src.write(in);
            long t0 = System.nanoTime();
            // No output files: the host still renders every frame into its own output image.
            // 300 ms a frame on this busy 2-core machine would still finish.
            Duration limit = Duration.ofSeconds(120 + frames * 3L / 10);
            TestHost.Result r = ReliabilityRuns.runFor(limit, Map.of("MANYFACES_JVM_OPTS", SOAK_JVM_OPTS), "--plugin",
                    ReliabilityRuns.TRANSLATE, "--input", in.toString(), "--frames",
                    "0-" + (frames - 1), "--set", "model=1", "--set", ReliabilityRuns.NO_WATERMARK, "--key", "mix@0=0.2", "--key", "mix@" + (frames - 1) + "=0.8",
                    "--report-resources");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertSurvived(r);
            assertEquals(frames, r.one("summary").getInt("rendered"), r.toString());
            List<Resources> during = resources(r).stream().filter(x -> x.done() > 0).toList();
            assertEquals(10, during.size(), "a resources line per tenth\n" + r);
            // Warm-up: the first tenth (JIT, first allocations, heap growth to its working size).
            Resources warm = during.get(0);
            Resources end = during.get(during.size() - 1);
            double growth = (end.rssKb() - warm.rssKb()) / (double) warm.rssKb();
            StringBuilder rss = new StringBuilder();
            for (Resources x : during) {
                rss.append(rss.length() == 0 ? "" : ",").append(x.rssKb() / 1024);
                assertEquals(warm.fds(), x.fds(), "fds at " + x.done() + " frames\n" + r.stdout);
                assertTrue(Math.abs(x.threads() - warm.threads()) <= TRANSIENT_THREADS,
                        "threads at " + x.done() + " frames vs " + warm.threads() + " after warm-up\n" + r.stdout);
            }
            int minThreads = during.stream().mapToInt(Resources::threads).min().orElseThrow();
            int maxThreads = during.stream().mapToInt(Resources::threads).max().orElseThrow();
            assertTrue(growth <= 0.05, "RSS grew " + Math.round(growth * 1000) / 10.0 + " % after warm-up: " + rss + " MiB");
            return "exit 0; RSS " + warm.rssKb() / 1024 + " -> " + end.rssKb() / 1024 + " MiB ("
                    + String.format(java.util.Locale.ROOT, "%+.1f", growth * 100) + " %; per tenth: " + rss
                    + "); fds " + warm.fds() + " flat; threads " + minThreads + "-" + maxThreads + "; " + ms / 1000
                    + " s (JVM " + SOAK_JVM_OPTS + ", see SoakIT)";
        });
    }
}
