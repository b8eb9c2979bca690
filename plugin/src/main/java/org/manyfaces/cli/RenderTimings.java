package org.manyfaces.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.manyfaces.pipeline.chain.Stage;
import org.manyfaces.video.FramePipeline;

/**
 * Where the time of one {@code manyfaces render} went: decode, the effect's own stages (detect, align, swap,
 * paste, mark, ...) and encode, per frame and as a share of all the work. The stages run on different
 * threads at once (decode, workers, encode overlap), so their sum is the work done, not the wall time; the
 * wall-clock rate is {@link #framesPerSecond()}.
 *
 * @param frames       frames written
 * @param wallSeconds  wall-clock time of the render
 * @param decodeNanos  decode thread: reading, converting and copying frames in
 * @param encodeNanos  encode thread: converting and encoding frames, flushing the encoder
 * @param processNanos the effect's whole render time, summed over workers
 * @param stageNanos   the effect's stages as its renderer timed them (all zero for effects without stages)
 */
public record RenderTimings(long frames, double wallSeconds, long decodeNanos, long encodeNanos, long processNanos,
                           Map<Stage, Long> stageNanos) {

    /** One row of the table: a named part of the work and its total time. */
    public record Part(String name, long nanos) {
    }

    public RenderTimings {
        stageNanos = Map.copyOf(stageNanos);
    }

    static RenderTimings of(FramePipeline.Result r, Map<Stage, Long> stages) {
        return new RenderTimings(r.frames(), r.seconds(), r.decodeNanos(), r.encodeNanos(), r.processNanos(), stages);
    }

    public double framesPerSecond() {
        return wallSeconds > 0 ? frames / wallSeconds : 0;
    }

    /**
     * The parts in pipeline order: decode, each effect stage that took any time, the rest of the effect's
     * render (parameter reads, pass-through copies, anything its stages do not cover), encode. Together they
     * add up to decode + process + encode. {@code swap session.run} is part of {@code swap} and not listed.
     */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("decode", decodeNanos));
        long staged = 0;
        for (Stage s : Stage.values()) {
            long n = stageNanos.getOrDefault(s, 0L);
            if (s == Stage.SWAP_INFERENCE || n == 0) {
                continue;
            }
            parts.add(new Part(s.name().toLowerCase(Locale.ROOT), n));
            staged += n;
        }
        parts.add(new Part(staged == 0 ? "effect" : "effect, other", Math.max(0, processNanos - staged)));
        parts.add(new Part("encode", encodeNanos));
        return parts;
    }

    /** Total work: decode + effect + encode, over all threads. */
    public long workNanos() {
        return decodeNanos + processNanos + encodeNanos;
    }

    /** Nanoseconds of {@code stage} per written frame (0 when nothing was written). */
    public double millisPerFrame(long nanos) {
        return frames == 0 ? 0 : nanos / 1e6 / frames;
    }

    /** Share of the total work, 0..1. */
    public double share(long nanos) {
        long work = workNanos();
        return work == 0 ? 0 : (double) nanos / work;
    }

    /** Prints the table {@code --timings} shows after a render. */
    public void print(PrintStream out) {
        out.println("timings (wall-clock time inside each stage; decode, effect and encode run on their own threads):");
        out.printf(Locale.ROOT, "  %-16s %10s %8s%n", "stage", "ms/frame", "share");
        for (Part p : parts()) {
            out.printf(Locale.ROOT, "  %-16s %10.2f %7.1f%%%n", p.name(), millisPerFrame(p.nanos()), 100 * share(p.nanos()));
        }
        long inference = stageNanos.getOrDefault(Stage.SWAP_INFERENCE, 0L);
        if (inference > 0) {
            out.printf(Locale.ROOT, "  %-16s %10.2f %7.1f%%  (part of swap)%n", "swap session.run",
                    millisPerFrame(inference), 100 * share(inference));
        }
        out.printf(Locale.ROOT, "  %-16s %10.2f %7.1f%%%n", "all work", millisPerFrame(workNanos()), 100.0);
        out.printf(Locale.ROOT, "  %d frames in %.2f s wall-clock: %.1f fps%n", frames, wallSeconds, framesPerSecond());
    }
}
