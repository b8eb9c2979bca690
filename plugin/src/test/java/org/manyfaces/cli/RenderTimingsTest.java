package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.manyfaces.pipeline.chain.Stage;

/** The arithmetic of the {@code --timings} table: parts add up to the work, shares to 100 %. */
class RenderTimingsTest {
    private static final long MS = 1_000_000L;

    @Test
    void partsAreDecodeTheTimedStagesTheRestOfTheEffectAndEncode() {
        // 10 frames: decode 20 ms, effect 300 ms of which detect 100, swap 120 (session.run 50), paste 30,
        // encode 80 ms. The effect's untimed rest is 300 - 250 = 50 ms; session.run is inside swap.
        RenderTimings t = new RenderTimings(10, 0.5, 20 * MS, 80 * MS, 300 * MS,
                Map.of(Stage.DETECT, 100 * MS, Stage.SWAP, 120 * MS, Stage.SWAP_INFERENCE, 50 * MS, Stage.PASTE, 30 * MS,
                        Stage.ALIGN, 0L));
        List<RenderTimings.Part> parts = t.parts();
        assertEquals(List.of("decode", "detect", "swap", "paste", "effect, other", "encode"),
                parts.stream().map(RenderTimings.Part::name).toList());
        assertEquals(50 * MS, parts.get(4).nanos());
        assertEquals(400 * MS, t.workNanos());
        assertEquals(parts.stream().mapToLong(RenderTimings.Part::nanos).sum(), t.workNanos());
        assertEquals(10.0, t.millisPerFrame(100 * MS), 1e-9);
        assertEquals(0.25, t.share(100 * MS), 1e-9);
        assertEquals(20.0, t.framesPerSecond(), 1e-9);
    }

    @Test
    void anEffectWithoutStagesIsOneEffectRow() {
        RenderTimings t = new RenderTimings(4, 1.0, 4 * MS, 4 * MS, 8 * MS, Map.of());
        assertEquals(List.of("decode", "effect", "encode"), t.parts().stream().map(RenderTimings.Part::name).toList());
        assertEquals(0.5, t.share(t.parts().get(1).nanos()), 1e-9);
    }

    @Test
    void thePrintedTableListsEveryPartAndTheRate() {
        RenderTimings t = new RenderTimings(10, 0.5, 20 * MS, 80 * MS, 300 * MS,
                Map.of(Stage.DETECT, 100 * MS, Stage.SWAP, 120 * MS, Stage.SWAP_INFERENCE, 50 * MS, Stage.PASTE, 30 * MS));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("detect                10.00    25.0%"), text);
        assertTrue(text.contains("swap session.run       5.00    12.5%  (part of swap)"), text);
        assertTrue(text.contains("all work              40.00   100.0%"), text);
        assertTrue(text.contains("10 frames in 0.50 s wall-clock: 20.0 fps"), text);
    }
}
