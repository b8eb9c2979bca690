package org.manyfaces.ofx.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension point: found through ServiceLoader, absent without a provider, and run before every action. */
class ActionInterceptorTest {
    /** Every action it saw, across instances (ServiceLoader makes its own). */
    static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

    /** A provider as a test bundle would ship one. */
    public static final class Recorder implements ActionInterceptor {
        @Override
        public void beforeAction(String action, DoubleSupplier time) {
            SEEN.add(action);
            if (action.equals("OfxActionLoad")) {
                throw new IllegalStateException("recorder refuses Load");
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void noProviderOnTheClassPathMeansNone() {
        // The unit tests' class path, like the product's, registers no provider.
        assertEquals(Optional.empty(), ActionInterceptor.installed(ActionInterceptorTest.class.getClassLoader()));
    }

    @Test
    void aRegisteredProviderSeesEveryActionInsideTheErrorBoundary() throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ActionInterceptor.class.getName()), Recorder.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ActionInterceptorTest.class.getClassLoader())) {
            Optional<ActionInterceptor> found = ActionInterceptor.installed(loader);
            assertTrue(found.isPresent());
            ActionDispatcher dispatcher = new ActionDispatcher();
            dispatcher.setInterceptor(found);
            assertTrue(dispatcher.intercepts());
            SEEN.clear();
            // An action the dispatcher does not handle still passes through the interceptor, then gets the default;
            // what the interceptor throws fails the action like any failure of its own.
            assertEquals(OfxStatus.REPLY_DEFAULT, dispatcher.dispatch(0, "OfxImageEffectActionGetClipPreferences", 1, 0, 0));
            assertEquals(OfxStatus.FAILED, dispatcher.dispatch(0, "OfxActionLoad", 0, 0, 0));
            assertEquals(List.of("OfxImageEffectActionGetClipPreferences", "OfxActionLoad"), SEEN);
        }
    }
}
