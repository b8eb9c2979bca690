package org.manyfaces.ofx.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
