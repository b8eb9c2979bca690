package org.manyfaces.inference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;

/**
 * The process's ONNX Runtime front door: holds the one {@link OrtEnvironment}, decides the execution
 * provider (CUDA, else CPU with a reason) and caches sessions so every effect instance and thread shares
 * one session per (model file content, provider).
 *
 * <p>Provider policy: {@link ProviderChoice#AUTO} and {@link ProviderChoice#CUDA} add the CUDA provider
 * (cuDNN convolution search EXHAUSTIVE) and fall back to the CPU when that fails; the failure is turned
 * into one sentence, kept in {@link #status()} and logged once. {@code MANYFACES_NO_GPU=1} switches CUDA
 * off. {@code OrtEnvironment.getAvailableProviders()} is deliberately not used: it lists CUDA whenever
 * the GPU build is on the class path, GPU or not.
 */
public final class InferenceEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InferenceEngine.class.getName());
    private static volatile InferenceEngine shared;
    /** The variable ONNX Runtime's POSIX telemetry checks when its first environment is created. */
    static final String TELEMETRY_OFF_VARIABLE = "ORT_DISABLE_TELEMETRY";
    private static final java.util.concurrent.atomic.AtomicBoolean TELEMETRY_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final ProviderPolicy policy;
    private final TensorRtSettings tensorRt;
    private final OrtEnvironment env;
    private final Map<SessionKey, CompletableFuture<ModelSession>> sessions = new ConcurrentHashMap<>();
    /** CUDA failure per device: once CUDA failed it is not retried for every model (the host restarts to retry). */
    private final Map<Integer, String> cudaFailures = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile ProviderStatus lastStatus;
    private volatile boolean closed;

    /**
     * Cache key: the file's content identity and the provider it was opened for: "cuda:N", "cpu" (AUTO or
     * CUDA that fell back) or "cpu-chosen" (the user picked the CPU; its status says so).
     */
    private record SessionKey(FileKey file, String provider) {
    }

    /** An engine with its own session cache, without TensorRT; the plugin uses {@link #shared()}. */
    public InferenceEngine(ProviderPolicy policy) {
        this(policy, TensorRtSettings.disabled());
    }

    /** An engine that puts TensorRT in front of CUDA when {@code tensorRt} is enabled (GPU sessions only). */
    public InferenceEngine(ProviderPolicy policy, TensorRtSettings tensorRt) {
        this.policy = policy;
        this.tensorRt = java.util.Objects.requireNonNull(tensorRt, "tensorRt");
        warnIfTelemetryStarts();
        this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "manyfaces");
        try {
            env.setTelemetry(false); // the API switch too, in case a later release stops reading the variable
        } catch (OrtException e) {
            throw new IllegalStateException("cannot switch ONNX Runtime's telemetry off: " + e.getMessage(), e);
        }
    }

    /**
     * ONNX Runtime's Linux build (since 1.29) starts Microsoft's telemetry client with its first environment
     * (a device id and an event queue under {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime}, the
     * client's {@code $TMPDIR/mat-debug-<pid>.log}, uploads) unless {@value #TELEMETRY_OFF_VARIABLE}=1 is in
     * the process environment by then; {@code setTelemetry(false)} comes too late for the files (measured).
     * Java cannot change its own environment, so whoever starts the process sets it: the command-line
     * launchers export it, the plug-in's shim sets it before it starts the JVM, the build sets it for the
     * tests. A process started otherwise is told once.
     */
    private static void warnIfTelemetryStarts() {
        if (!"1".equals(System.getenv(TELEMETRY_OFF_VARIABLE)) && TELEMETRY_WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, TELEMETRY_OFF_VARIABLE + " is not set to 1 in this process's "
                    + "environment: ONNX Runtime's own telemetry starts with its first session (set it before "
                    + "starting Java, as the manyfaces launcher and the plug-in do)");
        }
    }

    /** ORT intra-op threads of the shared engine; 0: the policy's own (all cores). */
    private static volatile int sharedIntraOpThreads;

    /**
     * Sizes the shared engine's intra-op threads to the cores its callers leave free: a front end that already runs
     * N frames at once on N cores (the CLI's frame workers) gives each model run one thread instead of letting N
     * runs of all-core pools fight for the same cores. Must be called before the first {@link #shared()}; later
     * calls are ignored (sessions keep the threads they were made with).
     */
    public static void sizeSharedIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + threads);
        }
        sharedIntraOpThreads = threads;
    }

    /** The process-wide engine, configured from the environment on first use. */
    public static InferenceEngine shared() {
        InferenceEngine e = shared;
        if (e == null) {
            synchronized (InferenceEngine.class) {
                e = shared;
                if (e == null) {
                    ProviderPolicy p = ProviderPolicy.fromEnvironment();
                    if (sharedIntraOpThreads > 0) {
                        p = new ProviderPolicy(p.gpuDisabled(), p.cudaDevice(), sharedIntraOpThreads, p.cudnnExhaustive());
                    }
                    e = new InferenceEngine(p, TensorRtSettings.fromEnvironment());
                    shared = e;
                }
            }
        }
        return e;
    }

    public ProviderPolicy policy() {
        return policy;
    }

    /** ONNX Runtime's version string. */
    public String ortVersion() {
        return env.getVersion();
    }

    /** Opens (or returns the cached session of) a model on the policy's default CUDA device. */
    public ModelSession open(Path model, ProviderChoice choice) {
        return open(model, choice, policy.cudaDevice());
    }

    /**
     * Opens (or returns the cached session of) a model.
     *
     * @throws ModelFileException when the file is missing or not a loadable ONNX model
     */
    public ModelSession open(Path model, ProviderChoice choice, int cudaDevice) {
        if (closed) {
            throw new IllegalStateException("the inference engine was shut down");
        }
        FileKey fileKey = FileKey.of(model);
        // Parse first: clear messages for empty, truncated and non-ONNX files, and the emap reader is warm.
        OnnxModelFile file = OnnxModelFile.read(fileKey.path());
        String cpuReason = cpuReason(choice, cudaDevice);
        SessionKey key = new SessionKey(fileKey, cpuReason == null ? "cuda:" + cudaDevice
                : choice == ProviderChoice.CPU ? "cpu-chosen" : "cpu");
        CompletableFuture<ModelSession> mine = new CompletableFuture<>();
        CompletableFuture<ModelSession> existing = sessions.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                ModelSession created = create(file, choice, cpuReason, cudaDevice);
                mine.complete(created);
                if (cpuReason == null && !created.provider().isGpu()) {
                    // CUDA failed while loading: later AUTO opens resolve to "cpu" and must find this session
                    sessions.putIfAbsent(new SessionKey(fileKey, "cpu"), mine);
                }
            } catch (RuntimeException e) {
                sessions.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted while waiting for " + model + " to load", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new InferenceException("loading " + model + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Finds a manifest model along the locator's folders, optionally verifies its size and SHA-256, opens
     * it and checks its declared inputs/outputs against the manifest contract.
     *
     * @throws ModelFileException     when the file is missing, fails verification or cannot be loaded
     * @throws ModelContractException when the file loads but declares other inputs/outputs
     */
    public ModelSession open(ModelSpec spec, ModelLocator locator, ProviderChoice choice, boolean verify) {
        Path file = locator.locate(spec, verify);
        ModelSession s = open(file, choice);
        ContractCheck.require(s, spec.contract(), spec.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " '" + spec.id() + "'");
        return s;
    }

    /** Null when CUDA should be tried, else the sentence explaining why the CPU is used. */
    private String cpuReason(ProviderChoice choice, int device) {
        if (choice == ProviderChoice.CPU) {
            return "the CPU was chosen";
        }
        if (policy.gpuDisabled()) {
            return "the GPU is switched off (" + ProviderPolicy.ENV_NO_GPU + "=1)";
        }
        String failed = cudaFailures.get(device);
        if (failed != null) {
            return failed;
        }
        String noDriver = CudaDiagnosis.missingDriverReason();
        if (noDriver != null) {
            return noteCudaFailure(device, noDriver, choice);
        }
        String noProvider = CudaDiagnosis.missingProviderReason(System.getProperty("onnxruntime.native.path"));
        if (noProvider != null) {
            return noteCudaFailure(device, noProvider, choice);
        }
        return null;
    }

    private ModelSession create(OnnxModelFile file, ProviderChoice choice, String cpuReason, int device) {
        String path = file.path().toString();
        if (cpuReason == null) {
            OrtException sessionError = null;
            try (OrtSession.SessionOptions so = baseOptions()) {
                boolean withTensorRt = addTensorRt(so, device);
                boolean added;
                try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device)) {
                    if (policy.cudnnExhaustive()) {
                        cuda.add("cudnn_conv_algo_search", "EXHAUSTIVE");
                    }
                    so.addCUDA(cuda);
                    added = true;
                } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException e) {
                    cpuReason = noteCudaFailure(device, CudaDiagnosis.explain(e, device), choice);
                    added = false;
                }
                if (added) {
                    try {
                        String firstBuild = withTensorRt ? tensorRt.firstBuildMessage(file.path()) : null;
                        if (firstBuild != null) {
                            // Shown before the build starts: the first frame may take minutes.
                            LOG.log(System.Logger.Level.WARNING, firstBuild);
                        }
                        OrtSession s = env.createSession(path, so);
                        if (withTensorRt) {
                            tensorRt.markBuilt(file.path());
                        }
                        ProviderStatus st = ProviderStatus.cuda(device);
                        lastStatus = st;
                        return new ModelSession(env, s, file, st);
                    } catch (OrtException e) {
                        // Could be the GPU or the model: retry on the CPU below; if that works it was CUDA.
                        sessionError = e;
                    }
                }
            } catch (OrtException e) {
                throw new InferenceException("cannot create ORT session options: " + e.getMessage(), e);
            }
            if (sessionError != null) {
                String reason = CudaDiagnosis.explain(sessionError, device);
                // Throws when the CPU cannot load it either: then the model, not CUDA, is the problem.
                ModelSession cpu = createCpu(file, reason, choice);
                noteCudaFailure(device, reason, choice);
                return cpu;
            }
        }
        return createCpu(file, cpuReason, choice);
    }

    /**
     * Puts TensorRT first when enabled (CUDA, added next, then runs what TensorRT does not take). A
     * missing TensorRT installation is reported once and the session goes on with CUDA alone.
     */
    private boolean addTensorRt(OrtSession.SessionOptions so, int device) {
        if (!tensorRt.enabled()) {
            return false;
        }
        try (ai.onnxruntime.providers.OrtTensorRTProviderOptions trt =
                     new ai.onnxruntime.providers.OrtTensorRTProviderOptions(device)) {
            java.nio.file.Files.createDirectories(tensorRt.engineCache());
            for (Map.Entry<String, String> e : tensorRt.providerOptions().entrySet()) {
                trt.add(e.getKey(), e.getValue());
            }
            so.addTensorrt(trt);
            return true;
        } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException | java.io.IOException e) {
            String reason = "TensorRT is not used (" + e.getMessage() + "); models run with CUDA alone";
            if (logged.add(reason)) {
                LOG.log(System.Logger.Level.WARNING, reason);
            }
            return false;
        }
    }

    private ModelSession createCpu(OnnxModelFile file, String reason, ProviderChoice choice) {
        try (OrtSession.SessionOptions so = baseOptions()) {
            OrtSession s = env.createSession(file.path().toString(), so);
            ProviderStatus st = ProviderStatus.cpu(reason == null ? "" : reason);
            if (choice != ProviderChoice.CPU) {
                // status() describes what AUTO/CUDA get; a session that asked for the CPU says nothing about that
                lastStatus = st;
            }
            return new ModelSession(env, s, file, st);
        } catch (OrtException e) {
            throw new ModelFileException("ONNX Runtime cannot load " + file.path() + " (opset " + file.opset()
                    + "): " + e.getMessage(), e);
        }
    }

    private String noteCudaFailure(int device, String reason, ProviderChoice choice) {
        if (!reason.contains("out of memory")) {
            // Missing libraries or devices do not come back while the host runs; a full GPU may.
            cudaFailures.putIfAbsent(device, reason);
        }
        if (logged.add(reason)) {
            LOG.log(choice == ProviderChoice.CUDA ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                    "ManyFaces runs models on the CPU: " + reason);
        }
        return reason;
    }

    /** Set to 1 to let ONNX Runtime's intra-op threads spin-wait between jobs (off by default). */
    public static final String ENV_ORT_SPIN = "MANYFACES_ORT_SPIN";

    private OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        so.setIntraOpNumThreads(policy.intraOpThreads());
        // ORT's intra-op threads spin-wait for the next job by default. Beside an editor's own threads, or the
        // CLI's decode and encode threads, the spinning steals the cores the rest of the frame needs: on the
        // 2-core machine the real clip rendered 1.56x faster end to end (median of 3 A/B pairs, load ~4)
        // with spinning off, using 1.2x less CPU. MANYFACES_ORT_SPIN=1 turns it back on (a machine that only
        // runs inference may gain a little).
        so.addConfigEntry("session.intra_op.allow_spinning", spinning() ? "1" : "0");
        return so;
    }

    /** Whether ORT's intra-op threads may spin-wait (MANYFACES_ORT_SPIN=1; off by default). */
    static boolean spinning() {
        return "1".equals(System.getenv(ENV_ORT_SPIN));
    }

    /**
     * The provider the engine uses for {@link ProviderChoice#AUTO}: from the last session created when
     * there is one, else from a cheap check (kill switch, driver, and whether the CUDA provider loads).
     */
    public ProviderStatus status() {
        ProviderStatus st = lastStatus;
        if (st != null) {
            return st;
        }
        int device = policy.cudaDevice();
        String reason = cpuReason(ProviderChoice.AUTO, device);
        if (reason != null) {
            return ProviderStatus.cpu(reason);
        }
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device)) {
            so.addCUDA(cuda);
            return ProviderStatus.cuda(device);
        } catch (OrtException | UnsatisfiedLinkError e) {
            return ProviderStatus.cpu(noteCudaFailure(device, CudaDiagnosis.explain(e, device), ProviderChoice.AUTO));
        }
    }

    /** Number of open sessions (for diagnostics and tests). */
    public int openSessionCount() {
        Set<ModelSession> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CompletableFuture<ModelSession> f : sessions.values()) {
            if (f.isDone() && !f.isCompletedExceptionally() && !f.join().isClosed()) {
                open.add(f.join());
            }
        }
        return open.size();
    }

    /**
     * Closes the sessions of files that changed or vanished on disk (waiting for their runs in flight);
     * holders of such a session get a clear error and must open the model again.
     */
    public int closeStale() {
        List<SessionKey> stale = new ArrayList<>();
        for (SessionKey k : sessions.keySet()) {
            try {
                if (!FileKey.of(k.file().path()).equals(k.file())) {
                    stale.add(k);
                }
            } catch (ModelFileException gone) {
                stale.add(k);
            }
        }
        // One session may sit under two keys (CUDA fallback alias): count and close each once.
        Set<ModelSession> closedNow = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (SessionKey k : stale) {
            CompletableFuture<ModelSession> f = sessions.remove(k);
            if (f != null && f.isDone() && !f.isCompletedExceptionally() && closedNow.add(f.join())) {
                f.join().close();
            }
        }
        return closedNow.size();
    }

    /** Closes every cached session. The shared engine is normally never closed (it lives with the JVM). */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<ModelSession> f : sessions.values()) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                f.join().close();
            }
        }
        sessions.clear();
    }
}
