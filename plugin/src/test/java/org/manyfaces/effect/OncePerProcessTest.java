package org.manyfaces.effect;

import org.manyfaces.effect.faceswap.FaceSwapRendererTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Notes once per process and effect, whatever instance posts them; errors every time. */
class OncePerProcessTest {
    /** A fresh effect id per test: the gate is process-wide. */
    private final String effect = "test.effect." + System.nanoTime();

    @Test
    void theSameNoteFromManyInstancesIsPostedOnce() {
        FaceSwapRendererTest.Recorder seen = new FaceSwapRendererTest.Recorder();
        for (int instance = 0; instance < 5; instance++) {
            OncePerProcess m = new OncePerProcess(effect, seen);
            m.warning("id.a", "no source face");
            m.log("id.b", "runs on CPU");
        }
        assertEquals(List.of("no source face"), seen.warnings);
        assertEquals(List.of("runs on CPU"), seen.logs);
    }

    @Test
    void anotherTextOrAnotherEffectIsANewNote() {
        FaceSwapRendererTest.Recorder seen = new FaceSwapRendererTest.Recorder();
        new OncePerProcess(effect, seen).log("id", "runs on CPU");
        new OncePerProcess(effect, seen).log("id", "runs on CUDA");
        new OncePerProcess(effect + ".other", seen).log("id", "runs on CPU");
        assertEquals(List.of("runs on CPU", "runs on CUDA", "runs on CPU"), seen.logs);
    }

    @Test
    void rearmLetsTheNoteBeSaidAgain() {
        FaceSwapRendererTest.Recorder seen = new FaceSwapRendererTest.Recorder();
        OncePerProcess m = new OncePerProcess(effect, seen);
        m.warning("id", "no source face");
        m.warning("id", "no source face");
        m.rearm("id");
        new OncePerProcess(effect, seen).warning("id", "no source face");
        assertEquals(List.of("no source face", "no source face"), seen.warnings);
    }

    @Test
    void errorsAreNeverHeldBack() {
        int[] errors = {0};
        EffectMessages counting = new EffectMessages() {
            @Override
            public void warning(String id, String text) {
            }

            @Override
            public void error(String id, String text) {
                errors[0]++;
            }

            @Override
            public void log(String id, String text) {
            }
        };
        OncePerProcess m = new OncePerProcess(effect, counting);
        m.error("id", "frame failed");
        m.error("id", "frame failed");
        assertEquals(2, errors[0]);
    }
}
