package org.manyfaces.pipeline.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.VideoReader;

class ShotCutOnClipTest {
    @Test
    void findsExactlyTheTwoHardCutsOfTheFaceClip() throws Exception {
        // The clip's README: hard cuts at (1-based) frames 51 and 101, i.e. 0-based 50 and 100, with a
        // zoom, a vertical pan and a horizontal pan in between.
        float threshold = TrackerSettings.defaults().cutThreshold();
        List<Long> cuts = new ArrayList<>();
        double maxWithinShot = 0;
        double minAtCut = 1;
        try (VideoReader r = VideoReader.open(SharedFiles.media("faces_pd_640x360_6s.mp4"))) {
            FrameSignature previous = null;
            ImageView f;
            for (long i = 0; (f = r.next()) != null; i++) {
                FrameSignature s = FrameSignature.of(f);
                if (previous != null) {
                    double d = s.difference(previous);
                    if (i == 50 || i == 100) {
                        minAtCut = Math.min(minAtCut, d);
                    } else {
                        maxWithinShot = Math.max(maxWithinShot, d);
                    }
                    if (d > threshold) {
                        cuts.add(i);
                    }
                }
                previous = s;
            }
        }
        System.out.printf("shot cut signature difference: max within a shot %.4f, min at a cut %.4f, threshold %.3f%n",
                maxWithinShot, minAtCut, threshold);
        assertEquals(List.of(50L, 100L), cuts);
        assertTrue(minAtCut > 2 * maxWithinShot, "cuts should stand well clear of in-shot motion");
    }
}
