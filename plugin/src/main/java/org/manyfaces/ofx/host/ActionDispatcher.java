package org.manyfaces.ofx.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.effect.ClipSpec;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.InstanceControls;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderCancelledException;
import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.Failures;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.ofx.jna.NativeMemory;
import org.manyfaces.ofx.jna.NativeName;
import org.manyfaces.ofx.jna.Scratch;

/**
 * Routes OFX actions to one method each, and is the plug-in's error boundary on the host's threads: the only
 * {@code catch (Throwable)} a host thread runs through is in {@link #guard} (the CLI's frame pipeline has its
 * own, one per stage thread, see {@code video.FramePipeline}). Whatever escapes an action becomes a host
 * message (plus the log file) and a status: the {@link OfxException}'s own, {@code kOfxStatErrMemory} for
 * {@link OutOfMemoryError}, else {@code kOfxStatFailed}. Nothing reaches the host as a Java exception, and the
 * host's dialog never shows a Java class name (see {@link #sentence}).
 */
public final class ActionDispatcher {
    /** One OFX action: (effect, handle, inArgs, outArgs) to status. */
    @FunctionalInterface
    private interface Action {
        int run(EffectDescriptor effect, long handle, long inArgs, long outArgs);
    }

    /** A body run under the error boundary. */
    @FunctionalInterface
    interface Body {
        int run();
    }

    private final Map<String, Action> actions = Map.ofEntries(
            Map.entry("OfxActionLoad", this::load),
            Map.entry("OfxActionUnload", this::unload),
            Map.entry("OfxActionDescribe", this::describe),
            Map.entry("OfxImageEffectActionDescribeInContext", this::describeInContext),
            Map.entry("OfxActionCreateInstance", this::createInstance),
            Map.entry("OfxActionDestroyInstance", this::destroyInstance),
            Map.entry("OfxImageEffectActionIsIdentity", this::isIdentity),
            Map.entry("OfxImageEffectActionGetRegionOfDefinition", this::regionOfDefinition),
            Map.entry("OfxImageEffectActionGetRegionsOfInterest", this::regionsOfInterest),
            Map.entry("OfxImageEffectActionRender", this::render),
            Map.entry("OfxActionInstanceChanged", this::instanceChanged),
            Map.entry("OfxActionPurgeCaches", this::purgeCaches));

    private final ConcurrentHashMap<Long, EffectInstance> instances = new ConcurrentHashMap<>();
    private volatile HostSuites suites;
    /** Test-only providers (see ActionInterceptor); empty in the product. */
    private volatile Optional<ActionInterceptor> interceptor = Optional.empty();
    private volatile Optional<Path> resourcesDir = Optional.empty();
    /** The plug-in's one model catalogue, built when the bundle's folder is known (or on first need). */
    private volatile ModelCatalogue models;
    /** The controls beside each effect's own (the Presets page), found by {@link Bridge#init}; none before. */
    private volatile InstanceControls controls = InstanceControls.NONE;

    void setInterceptor(Optional<ActionInterceptor> interceptor) {
        this.interceptor = interceptor;
    }

    /** Whether an {@link ActionInterceptor} must see every action (then the shim may answer none itself). */
    boolean intercepts() {
        return interceptor.isPresent();
    }

    void setInstanceControls(InstanceControls controls) {
        this.controls = controls;
    }

    void setResourcesDir(Path dir) {
        this.resourcesDir = Optional.ofNullable(dir);
        this.models = ModelCatalogue.forPlugin(resourcesDir);
    }

    /** The catalogue every instance of this process shares (effects and presets alike). */
    private ModelCatalogue models() {
        ModelCatalogue m = models;
        if (m == null) {
            // A bridge started without a bundle folder (tests): the search path without the bundle's models.
            m = ModelCatalogue.forPlugin(resourcesDir);
            models = m;
        }
        return m;
    }

    /** Fetches the host's suites (once per distinct host struct). */
    int setHost(long ofxHost) {
        return guard("setHost", 0, () -> {
            HostSuites current = suites;
            if (current == null || current.host.address() != ofxHost) {
                HostSuites fetched = HostSuites.fetch(ofxHost);
                suites = fetched;
                PluginLog.get().info(fetched.profile.describe());
            }
            return OfxStatus.OK;
        });
    }

    /** Runs one action of plug-in {@code pluginIndex}; unknown actions get kOfxStatReplyDefault. */
    public int dispatch(int pluginIndex, String action, long handle, long inArgs, long outArgs) {
        Action a = actions.get(action);
        Optional<ActionInterceptor> i = interceptor;
        if (a == null && i.isEmpty()) {
            return OfxStatus.REPLY_DEFAULT;
        }
        long messageHandle = isInstanceAction(action) ? handle : 0;
        return guard(action, messageHandle, () -> {
            i.ifPresent(it -> it.beforeAction(action, () -> timeOf(inArgs)));
            return a == null ? OfxStatus.REPLY_DEFAULT : a.run(EffectCatalogue.get(pluginIndex), handle, inArgs, outArgs);
        });
    }

    /**
     * The error boundary (see the class comment). The host gets one sentence with its code: a user's mistake
     * (a {@link org.manyfaces.error.CodedFailure} that speaks to the user) in its own words, a bug as a short
     * generic sentence naming the log file. The {@link PluginLog} file gets a user's mistake as one line and a
     * bug with its stack trace. A render the host cancelled ({@link RenderCancelledException}) is no error: it
     * is logged and answered with kOfxStatFailed, the frame being incomplete, without a message.
     */
    int guard(String what, long messageHandle, Body body) {
        try {
            return body.run();
        } catch (RenderCancelledException cancelled) {
            PluginLog.get().info(what + ": " + cancelled.getMessage());
            return OfxStatus.FAILED;
        } catch (Throwable t) {
            int status = t instanceof OfxException oe ? oe.status()
                    : t instanceof OutOfMemoryError ? OfxStatus.ERR_MEMORY : OfxStatus.FAILED;
            String text = sentence(what, t);
            PluginLog log = PluginLog.get();
            if (Failures.coded(t).filter(f -> f.code().speaksToUser()).isPresent()) {
                log.info(what + " refused: " + text); // the user's mistake: the sentence says it all
            } else {
                log.error(what + " failed", t); // a bug or the JVM's own Error: the stack trace is the story
            }
            try {
                new HostMessages(suites, messageHandle).error("org.manyfaces.failure", text);
            } catch (RuntimeException | Error reportFailure) {
                // The report itself failed (host gone, shim not bound): the log keeps the story.
                log.error("could not post the error to the host", reportFailure);
            }
            return status;
        }
    }

    /**
     * What the host shows for a failure of action {@code what}: one sentence ending in its code, never a Java
     * class name. A user's mistake is its own sentence; running out of memory says how to raise the limit; a
     * bug names the action and the log file that holds its stack trace.
     */
    static String sentence(String what, Throwable t) {
        ErrorCode code = Failures.codeOf(t);
        if (code.speaksToUser() && code != ErrorCode.OUT_OF_MEMORY) {
            return "ManyFaces: " + Failures.sentence(t, null);
        }
        java.nio.file.Path file = PluginLog.get().file();
        String details = code == ErrorCode.OUT_OF_MEMORY ? "MANYFACES_JAVA_XMX sets the limit" : "";
        details += (file == null ? "" : (details.isEmpty() ? "" : "; ") + "the details of " + what + " are in " + file);
        return Failures.sentence(t, details);
    }

    /** The action's OfxPropTime, or NaN when it has none (only read when an interceptor asks). */
    private double timeOf(long inArgs) {
        HostSuites s = suites;
        if (s == null || inArgs == 0) {
            return Double.NaN;
        }
        Scratch sc = Scratch.get();
        return s.properties.getDouble(inArgs, OfxNames.PROP_TIME, 0, sc) == OfxStatus.OK ? sc.getDouble(0) : Double.NaN;
    }

    private static boolean isInstanceAction(String action) {
        return !action.equals("OfxActionLoad") && !action.equals("OfxActionUnload")
                && !action.equals("OfxActionDescribe") && !action.equals("OfxImageEffectActionDescribeInContext");
    }

    private HostSuites suites() {
        HostSuites s = suites;
        if (s == null) {
            throw new OfxException(OfxStatus.ERR_FATAL, "an action arrived before setHost");
        }
        return s;
    }

    private int load(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        suites();
        return OfxStatus.OK;
    }

    private int unload(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        return OfxStatus.OK;
    }

    private int describe(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        HostSuites s = suites();
        PropertySet p = effectProperties(s, handle);
        p.setString(OfxNames.PROP_LABEL, 0, effect.label());
        p.trySetString(OfxNames.PROP_SHORT_LABEL, effect.label());
        p.trySetString(OfxNames.PROP_LONG_LABEL, effect.label());
        p.setString(OfxNames.GROUPING, 0, effect.grouping());
        p.trySetString(OfxNames.PROP_PLUGIN_DESCRIPTION, effect.description());
        p.setString(OfxNames.SUPPORTED_CONTEXTS, 0, OfxNames.CONTEXT_FILTER);
        if (effect.generalContext()) {
            p.setString(OfxNames.SUPPORTED_CONTEXTS, 1, OfxNames.CONTEXT_GENERAL);
        }
        p.setString(OfxNames.SUPPORTED_PIXEL_DEPTHS, 0, OfxNames.DEPTH_BYTE);
        p.setString(OfxNames.SUPPORTED_PIXEL_DEPTHS, 1, OfxNames.DEPTH_FLOAT);
        p.setInt(OfxNames.SINGLE_INSTANCE, 0, 0);
        p.setString(OfxNames.RENDER_THREAD_SAFETY, 0, switch (effect.threadSafety()) {
            case UNSAFE -> OfxNames.RENDER_UNSAFE;
            case INSTANCE_SAFE -> OfxNames.RENDER_INSTANCE_SAFE;
            case FULLY_SAFE -> OfxNames.RENDER_FULLY_SAFE;
        });
        // The host must not split our frames across its threads: without tile support that would only
        // repeat whole-frame work.
        p.setInt(OfxNames.HOST_FRAME_THREADING, 0, effect.supportsTiles() ? 1 : 0);
        p.setInt(OfxNames.SUPPORTS_TILES, 0, effect.supportsTiles() ? 1 : 0);
        p.setInt(OfxNames.SUPPORTS_MULTI_RESOLUTION, 0, effect.supportsMultiResolution() ? 1 : 0);
        p.setInt(OfxNames.TEMPORAL_CLIP_ACCESS, 0, effect.temporalClipAccess() ? 1 : 0);
        p.trySetInt(OfxNames.MULTIPLE_CLIP_DEPTHS, 0);
        return OfxStatus.OK;
    }

    private int describeInContext(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        HostSuites s = suites();
        long context = s.props(inArgs).getStringAddress(OfxNames.CONTEXT, 0);
        boolean general = NativeMemory.cStringEquals(context, OfxNames.CONTEXT_GENERAL);
        if (!general && !NativeMemory.cStringEquals(context, OfxNames.CONTEXT_FILTER)) {
            throw new OfxException(OfxStatus.ERR_UNSUPPORTED, effect.label() + " does not support context "
                    + NativeMemory.cString(context));
        }
        for (ClipSpec c : effect.clips()) {
            if (c.generalOnly() && !general) {
                continue;
            }
            Scratch sc = Scratch.get();
            OfxException.check(s.effects.clipDefine(handle, NativeName.of(c.name()), sc), "clipDefine(" + c.name() + ")");
            PropertySet cp = s.props(sc.getAddress(0));
            if (c.mask()) {
                // RGBA only: images are read through ImageView, which has no alpha-only layout, so the host
                // converts an Alpha mask for us.
                cp.setString(OfxNames.SUPPORTED_COMPONENTS, 0, OfxNames.COMPONENT_RGBA);
            } else {
                cp.setString(OfxNames.SUPPORTED_COMPONENTS, 0, OfxNames.COMPONENT_RGBA);
                cp.setString(OfxNames.SUPPORTED_COMPONENTS, 1, OfxNames.COMPONENT_RGB);
            }
            cp.setInt(OfxNames.SUPPORTS_TILES, 0, effect.supportsTiles() ? 1 : 0);
            // Only the Source clip is ever fetched at other times than the one rendered.
            cp.trySetInt(OfxNames.TEMPORAL_CLIP_ACCESS,
                    effect.temporalClipAccess() && c.name().equals(ClipSpec.SOURCE) ? 1 : 0);
            if (c.optional()) {
                cp.setInt(OfxNames.CLIP_OPTIONAL, 0, 1);
            }
            if (c.mask()) {
                cp.trySetInt(OfxNames.CLIP_IS_MASK, 1);
            }
        }
        // Options known only now (the preset files found on disk); instances map option i back to the same one.
        new ParamSet(s, handle).defineAll(controls.describe(effect, resourcesDir));
        return OfxStatus.OK;
    }

    private int createInstance(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        EffectInstance created = new EffectInstance(suites(), effect, handle, models(), controls, resourcesDir);
        EffectInstance previous = instances.put(handle, created);
        if (previous != null) {
            previous.close();
        }
        return OfxStatus.OK;
    }

    private int destroyInstance(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        EffectInstance gone = instances.remove(handle);
        if (gone != null) {
            gone.close();
        }
        return OfxStatus.OK;
    }

    private int render(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        HostSuites s = suites();
        EffectInstance inst = instance(handle);
        PropertySet in = s.props(inArgs);
        double time = in.getDouble(OfxNames.PROP_TIME, 0);
        PixelRect window = in.getRect(OfxNames.RENDER_WINDOW);
        Scratch sc = Scratch.get();
        int st = s.properties.getDoubleN(inArgs, OfxNames.RENDER_SCALE, 2, sc);
        double sx = st == OfxStatus.OK ? sc.getDouble(0) : 1;
        double sy = st == OfxStatus.OK ? sc.getDouble(8) : 1;
        inst.render(time, sx, sy, window);
        return OfxStatus.OK;
    }

    /**
     * The output's region of definition: the host's default (the Source's) unless the renderer enlarges the
     * frame (super-resolution), then the Source's region times the output scale.
     */
    private int regionOfDefinition(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        HostSuites s = suites();
        double time = s.props(inArgs).getDouble(OfxNames.PROP_TIME, 0);
        double[] rod = instance(handle).regionOfDefinition(time);
        if (rod == null) {
            return OfxStatus.REPLY_DEFAULT;
        }
        PropertySet out = s.props(outArgs);
        for (int i = 0; i < 4; i++) {
            out.setDouble(OfxNames.REGION_OF_DEFINITION, i, rod[i]);
        }
        return OfxStatus.OK;
    }

    /** For an enlarging renderer, the source region a requested output region needs (the region / scale). */
    private int regionsOfInterest(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        HostSuites s = suites();
        PropertySet in = s.props(inArgs);
        double time = in.getDouble(OfxNames.PROP_TIME, 0);
        double[] region = new double[4];
        in.getDoubles(OfxNames.REGION_OF_INTEREST, region);
        EffectInstance inst = instance(handle);
        int scale = inst.outputScale(time);
        if (scale == 1) {
            return OfxStatus.REPLY_DEFAULT;
        }
        PropertySet out = s.props(outArgs);
        for (String clip : inst.inputClipNames()) {
            NativeName name = NativeName.of(OfxNames.ROI_PREFIX + clip);
            for (int i = 0; i < 4; i++) {
                // Outwards to whole source pixels, so bilinear/bicubic bases see every pixel they sample.
                double v = region[i] / scale;
                out.setDouble(name, i, i < 2 ? Math.floor(v) : Math.ceil(v));
            }
        }
        return OfxStatus.OK;
    }

    /** Identity answers name the Source clip; the host pre-sets the time to take it from. */
    private int isIdentity(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        HostSuites s = suites();
        double time = s.props(inArgs).getDouble(OfxNames.PROP_TIME, 0);
        if (!instance(handle).isIdentity(time)) {
            return OfxStatus.REPLY_DEFAULT;
        }
        s.props(outArgs).setString(OfxNames.PROP_NAME, 0, OfxNames.CLIP_SOURCE);
        return OfxStatus.OK;
    }

    private int instanceChanged(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        PropertySet in = suites().props(inArgs);
        if (!NativeMemory.cStringEquals(in.getStringAddress(OfxNames.PROP_TYPE, 0), OfxNames.TYPE_PARAMETER)) {
            return OfxStatus.REPLY_DEFAULT;
        }
        String name = in.getString(OfxNames.PROP_NAME, 0);
        double time = in.getDouble(OfxNames.PROP_TIME, 0);
        instance(handle).paramChanged(name, time);
        return OfxStatus.OK;
    }

    private int purgeCaches(EffectDescriptor effect, long handle, long inArgs, long outArgs) {
        instance(handle).purgeCaches();
        return OfxStatus.OK;
    }

    private EffectInstance instance(long handle) {
        EffectInstance inst = instances.get(handle);
        if (inst == null) {
            throw new OfxException(OfxStatus.ERR_BAD_HANDLE, "unknown effect instance 0x" + Long.toHexString(handle));
        }
        return inst;
    }

    private static PropertySet effectProperties(HostSuites s, long effect) {
        Scratch sc = Scratch.get();
        OfxException.check(s.effects.getPropertySet(effect, sc), "getPropertySet");
        return s.props(sc.getAddress(0));
    }
}
