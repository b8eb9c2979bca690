package org.manyfaces.ofx.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.inference.ModelFileException;

/** The error boundary's status mapping, without a host (messages then only go to stderr). */
class ActionDispatcherTest {
    private final ActionDispatcher dispatcher = new ActionDispatcher();

    @Test
    void ofxExceptionKeepsItsStatus() {
        assertEquals(OfxStatus.ERR_FORMAT, dispatcher.guard("render", 0, () -> {
            throw new OfxException(OfxStatus.ERR_FORMAT, "16-bit images are not supported");
        }));
    }

    @Test
    void outOfMemoryBecomesErrMemoryAndOtherFailuresFailed() {
        assertEquals(OfxStatus.ERR_MEMORY, dispatcher.guard("render", 0, () -> {
            throw new OutOfMemoryError("test");
        }));
        assertEquals(OfxStatus.FAILED, dispatcher.guard("render", 0, () -> {
            throw new IllegalStateException("test");
        }));
        assertEquals(OfxStatus.FAILED, dispatcher.guard("render", 0, () -> {
            throw new StackOverflowError();
        }));
    }

    @Test
    void actionsBeforeSetHostFailFatallyAndUnknownActionsGetTheDefault() {
        assertEquals(OfxStatus.ERR_FATAL, dispatcher.dispatch(0, "OfxActionLoad", 0, 0, 0));
        assertEquals(OfxStatus.REPLY_DEFAULT, dispatcher.dispatch(0, "OfxImageEffectActionGetClipPreferences", 1, 2, 3));
        assertEquals(OfxStatus.FAILED, dispatcher.dispatch(7, "OfxActionLoad", 0, 0, 0));
    }

    @Test
    void aUsersMistakeReachesTheHostAsItsSentenceAndCodeWithoutAClassName() {
        String text = ActionDispatcher.sentence("OfxImageEffectActionRender", new ManyFacesException(
                ErrorCode.INPUT_NOT_CONNECTED, "Image Translate: region 'Mask clip' needs the Mask input connected"));
        assertEquals("ManyFaces: Image Translate: region 'Mask clip' needs the Mask input connected [MF-301]", text);

        // Wrapped by a stage that added nothing: the first coded failure in the chain speaks.
        String wrapped = ActionDispatcher.sentence("OfxImageEffectActionRender", new IllegalStateException(
                "java.lang.RuntimeException: wrapper", new ModelFileException("model swap.onnx not found in /m")));
        assertEquals("ManyFaces: model swap.onnx not found in /m [MF-201]", wrapped);
    }

    @Test
    void aBugReachesTheHostAsAGenericSentenceNamingTheActionAndTheLog() {
        String text = ActionDispatcher.sentence("OfxImageEffectActionRender",
                new IllegalArgumentException("index 7 out of bounds for length 3"));
        assertTrue(text.startsWith("ManyFaces hit an internal error") && text.endsWith("[MF-999]"), text);
        assertTrue(text.contains("OfxImageEffectActionRender"), text);
        assertFalse(text.contains("IllegalArgumentException") || text.contains("java.") || text.contains("index 7"), text);
        // A host-protocol failure is ManyFaces' problem too: generic, its details in the log.
        String host = ActionDispatcher.sentence("OfxActionCreateInstance", new OfxException(OfxStatus.ERR_BAD_HANDLE,
                "unknown effect instance 0x10"));
        assertTrue(host.startsWith("ManyFaces hit an internal error") && host.endsWith("[MF-901]"), host);
    }

    @Test
    void outOfMemorySaysHowToRaiseTheLimit() {
        String text = ActionDispatcher.sentence("OfxImageEffectActionRender", new OutOfMemoryError("Java heap space"));
        assertTrue(text.startsWith("ManyFaces ran out of Java memory; MANYFACES_JAVA_XMX sets the limit")
                && text.endsWith("[MF-902]"), text);
        assertFalse(text.contains("OutOfMemoryError"), text);
    }
}
