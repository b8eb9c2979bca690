package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.manyfaces.video.CodecUnavailableException;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.MediaOutputException;
import org.manyfaces.video.RenderFailedException;
import org.manyfaces.video.RenderFailedException.Stage;

class ExitCodesTest {
    @Test
    void codesAreTheDocumentedNumbers() {
        assertEquals(0, ExitCodes.OK);
        assertEquals(1, ExitCodes.RENDER_ERROR);
        assertEquals(2, ExitCodes.USAGE);
        assertEquals(3, ExitCodes.INPUT_UNREADABLE);
        assertEquals(4, ExitCodes.OUTPUT_UNWRITABLE);
        assertEquals(5, ExitCodes.MODEL_FAILURE);
        assertEquals(130, ExitCodes.INTERRUPTED);
    }

    @Test
    void failuresMapThroughTheirCauses() {
        assertEquals(3, ExitCodes.forFailure(new RenderFailedException(Stage.DECODE, 4, new MediaInputException("x"))));
        assertEquals(4, ExitCodes.forFailure(new RenderFailedException(Stage.ENCODE, 4, new MediaOutputException("x"))));
        assertEquals(4, ExitCodes.forFailure(new MediaOutputException("x")));
        assertEquals(2, ExitCodes.forFailure(new CodecUnavailableException("x")));
        assertEquals(130, ExitCodes.forFailure(new CancellationException()));
        assertEquals(130, ExitCodes.forFailure(new InterruptedException()));
        assertEquals(1, ExitCodes.forFailure(new RenderFailedException(Stage.PROCESS, 4, new IllegalStateException("x"))));
        assertEquals(1, ExitCodes.forFailure(new RuntimeException(new RuntimeException())));
    }
}
