package org.manyfaces.ofx.host;

import java.nio.file.Path;

import org.manyfaces.effect.InstanceControls;
import org.manyfaces.ofx.jna.ShimCalls;

/**
 * The entry points the C shim calls through JNI (looked up once; names and signatures are the contract
 * in docs/ARCHITECTURE.md). Every call runs under the dispatcher's error boundary, so no Java exception
 * ever returns into the shim.
 */
public final class Bridge {
    private static final ActionDispatcher DISPATCHER = new ActionDispatcher();

    private Bridge() {
    }

    /**
     * Once per process after the JVM is up (again after a plug-in reload: harmless). Binds the shim's
     * JNI natives ({@link ShimCalls}) and finds, on the class path, the {@link ActionInterceptor}s (none in the
     * product) and the {@link InstanceControls} (the preset layer's Presets page).
     *
     * @param shimPath     absolute path of the loaded ManyFaces.ofx
     * @param resourcesDir the bundle's Contents/Resources folder
     */
    public static int init(String shimPath, String resourcesDir) {
        return DISPATCHER.guard("init", 0, () -> {
            ShimCalls.load(shimPath);
            PluginLog.captureJavaLogging();
            DISPATCHER.setInterceptor(ActionInterceptor.installed(Bridge.class.getClassLoader()));
            DISPATCHER.setInstanceControls(InstanceControls.installed(Bridge.class.getClassLoader()));
            DISPATCHER.setResourcesDir(resourcesDir == null || resourcesDir.isEmpty() ? null : Path.of(resourcesDir));
            return OfxStatus.OK;
        });
    }

    /** From each plug-in's setHost: the host's {@code OfxHost*}. */
    public static int setHost(long ofxHostPtr) {
        return DISPATCHER.setHost(ofxHostPtr);
    }

    /**
     * Bit i set: plug-in i never changes the frame size ({@link org.manyfaces.effect.EffectDescriptor#keepsFrameSize}),
     * so the shim answers its region-of-definition and regions-of-interest actions with "default" itself.
     * Asked once, right after {@link #init}. 0 while an {@link ActionInterceptor} is installed: it must see
     * every action.
     */
    public static int keepsFrameSizeMask() {
        int mask = 0;
        if (DISPATCHER.intercepts()) {
            return mask;
        }
        java.util.List<org.manyfaces.effect.EffectDescriptor> effects = org.manyfaces.effect.EffectCatalogue.effects();
        for (int i = 0; i < Math.min(31, effects.size()); i++) {
            if (effects.get(i).keepsFrameSize()) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** Every mainEntry call of plug-in {@code pluginIndex} (0 = Face Swap, 1 = Image Translate). */
    public static int mainEntry(int pluginIndex, String action, long handle, long inArgs, long outArgs) {
        return DISPATCHER.dispatch(pluginIndex, action, handle, inArgs, outArgs);
    }
}
