package org.manyfaces.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.manyfaces.inference.InferenceException;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.RenderFailedException;

class FailuresTest {
    @Test
    void codesAreUniqueAndWellFormed() {
        var ids = Arrays.stream(ErrorCode.values()).map(ErrorCode::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids.toString());
        ids.forEach(id -> assertTrue(id.matches("MF-\\d{3}"), id));
    }

    @Test
    void aCheckedFailureKeepsItsTypeAndHasACode() {
        MediaInputException e = new MediaInputException("clip.mp4: no video stream");
        assertEquals(ErrorCode.INPUT_UNREADABLE, Failures.codeOf(new ExecutionException(e)));
        assertEquals("clip.mp4: no video stream [MF-101]", Failures.sentence(new ExecutionException(e), "log"));
    }

    @Test
    void aPipelineReportKeepsStageAndFrameAndTheCausesCode() {
        RenderFailedException user = new RenderFailedException(RenderFailedException.Stage.PROCESS, 4,
                new InferenceException("CUDA ran out of memory running swap.onnx"));
        assertEquals("render failed while processing frame 4: CUDA ran out of memory running swap.onnx [MF-203]",
                user.getMessage());
        assertEquals(ErrorCode.MODEL_RUN_FAILED, user.code());

        RenderFailedException bug = new RenderFailedException(RenderFailedException.Stage.ENCODE, 2,
                new NullPointerException());
        assertEquals("render failed while writing frame 2: ManyFaces hit an internal error [MF-999]", bug.getMessage());
        assertTrue(Failures.isBug(bug));
        assertFalse(bug.getMessage().contains("NullPointerException"));
    }

    @Test
    void aBugNeverShowsItsOwnMessage() {
        String s = Failures.sentence(new IllegalStateException("java.lang.IllegalArgumentException: x"),
                "the details are in /l/manyfaces.log");
        assertEquals("ManyFaces hit an internal error; the details are in /l/manyfaces.log [MF-999]", s);
    }
}
