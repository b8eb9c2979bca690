package org.manyfaces.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.manyfaces.disclosure.ProvenanceRecord;
import org.manyfaces.disclosure.WatermarkDetector;
import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectProfile;
import org.manyfaces.effect.ParamValues;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.inference.FileDigests;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.preset.InMemoryParams;
import org.manyfaces.preset.PresetApplier;
import org.manyfaces.preset.PresetException;
import org.manyfaces.preset.PresetPlan;
import org.manyfaces.video.FfmpegRuntime;
import org.manyfaces.video.FramePipeline;
import org.manyfaces.video.FrameSink;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.ImageSequenceReader;
import org.manyfaces.video.ImageSequenceWriter;
import org.manyfaces.video.MediaFiles;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.MediaOutputException;
import org.manyfaces.video.SequencePattern;
import org.manyfaces.video.VideoCodec;
import org.manyfaces.video.VideoInfo;
import org.manyfaces.video.VideoOutputOptions;
import org.manyfaces.video.VideoQuality;
import org.manyfaces.video.VideoReader;
import org.manyfaces.video.VideoWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code manyfaces render}: runs one effect over a video, an image sequence or a picture with the very
 * renderer the OFX plug-in uses (from {@link EffectCatalogue}), parameters from the effect's table
 * (defaults, then {@code --set}, then {@code --key}), and writes a provenance side-car next to the output.
 */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Render a video, image sequence or picture through an effect.",
        description = {
                "Runs the effect with the same code the OFX plug-in runs in an editor.",
                "",
                "INPUT is a video file, a sequence pattern (shot_%%04d.png), a folder of pictures, or one picture "
                        + "(.png, .jpg, .bmp). OUTPUT is a video file (mp4, mov, webm or mkv), a sequence pattern or folder "
                        + "(PNG/EXR), or one picture (.png, .jpg) for a one-frame input. Audio is carried over when "
                        + "the whole video is rendered. A provenance record OUTPUT.manyfaces.json is written beside "
                        + "the output."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  manyfaces render -e faceswap -i clip.mp4 -o swapped.mp4 \\",
                "      --set sourceFaces=face.jpg",
                "  manyfaces render -e faceswap -i clip.mp4 -o out.mov --codec prores \\",
                "      --set sourceFaces=a.jpg --set detector=scrfd \\",
                "      --key blend@0=0 --key blend@25=1 --frames 0-99",
                "  manyfaces render -e translate -i photo.jpg -o negative.png --set model=1",
                "  manyfaces render -e faceswap -i shot_%%04d.png -o out/ \\",
                "      --preset my-look.json --set sourceFaces=face.jpg",
                "",
                "Parameters: 'manyfaces render -e faceswap --list-params'."})
final class RenderCommand implements Callable<Integer> {
    private static final Pattern FRAMES = Pattern.compile("(\\d+)(?:-(\\d*))?");
    private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)@(-?[0-9.]+)=(.*)", Pattern.DOTALL);

    @Spec
    CommandSpec spec;

    @Option(names = {"-e", "--effect"}, required = true, paramLabel = "EFFECT",
            completionCandidates = EffectNames.class,
            description = "The effect: ${COMPLETION-CANDIDATES} (each effect's short name; its id works too).")
    String effect;

    /** The short name of every effect of the catalogue, for the help text and shell completion. */
    static final class EffectNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EffectCatalogue.effects().stream().map(RenderCommand::shortName).iterator();
        }
    }

    /** The first command-line alias of {@code d}, or its id when it has none. */
    private static String shortName(EffectDescriptor d) {
        return d.profile().cliAliases().isEmpty() ? d.id() : d.profile().cliAliases().get(0);
    }

    @Option(names = {"-i", "--input"}, paramLabel = "INPUT", description = "What to render (see above).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "Where the result goes (see above).")
    String output;

    @Option(names = "--preset", paramLabel = "FILE",
            description = "Start from the values and keys of this preset file (checked as the plug-in checks it); "
                    + "--set and --key then override single parameters.")
    Path preset;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Set a parameter for the whole render (repeatable). Choices take the option's label or "
                    + "index (detector=scrfd), switches true/false, files a path.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--key", paramLabel = "NAME@FRAME=VALUE",
            description = "Keyframe a numeric parameter at an input frame (repeatable); values between keys are "
                    + "interpolated linearly, as in an editor.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--frames", paramLabel = "A-B",
            description = "Render only input frames A to B (0-based, inclusive; 'A-' to the end, 'A' one frame).")
    String frames;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Video codec of a video output: h264 for mp4, mov or mkv files; vp9 for webm or mkv; "
                    + "prores or dnxhr for mov (editors' intermediates); ffv1 for mkv (lossless). Default: prores "
                    + "for mov, vp9 for webm, h264 for mp4 and mkv. --list-codecs shows what this build has.")
    String codec;

    @Option(names = "--quality", paramLabel = "low|medium|high|best",
            description = "Quality of h264 and vp9 (default high). h264: 0.07, 0.14, 0.28 or 0.56 bits per pixel "
                    + "per frame, so the bit-rate follows size and frame rate (high: 14.5 Mbit/s at 1080p25); "
                    + "vp9: CRF 40, 32, 24 or 16.")
    String quality;

    @Option(names = "--crf", paramLabel = "N",
            description = "vp9 only: libvpx's constant rate factor, 0-63 (lower is better), instead of --quality.")
    Integer crf;

    @Option(names = "--bitrate", paramLabel = "RATE",
            description = "h264 or vp9: a target bit-rate instead of --quality, in bit/s with k or M (8M, 2500k).")
    String bitrate;

    @Option(names = "--profile", paramLabel = "FLAVOUR",
            description = "prores: proxy, lt, standard, hq (default), 4444 or 4444xq; dnxhr: lb, sq, hq (default), "
                    + "hqx or 444.")
    String profile;

    // help = true: like --help, it needs no --effect, --input or --output.
    @Option(names = "--list-codecs", help = true, description = "Print the video codecs this build can write, with their FFmpeg "
            + "encoder and containers, and exit.")
    boolean listCodecs;

    @Option(names = "--fps", paramLabel = "RATE", defaultValue = "25",
            description = "Frame rate of an image sequence or picture input (default: ${DEFAULT-VALUE}).")
    double sequenceFps;

    @Option(names = "--threads", paramLabel = "N",
            description = "Frames processed at once, each by its own effect instance (default: the cores, "
                    + "${DEFAULT-VALUE} here). The output does not depend on it: frames are written in order and "
                    + "every frame's result is the same whichever instance rendered it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-audio", description = "Do not carry the input's audio over.")
    boolean noAudio;

    @Option(names = "--no-sidecar", description = "Do not write the OUTPUT.manyfaces.json provenance record.")
    boolean noSidecar;

    @Option(names = {"--overwrite", "-y"}, description = "Replace an existing output (and its provenance record). "
            + "Without it an existing output is an error (exit 4). An input is never overwritten, whatever its "
            + "name or links.")
    boolean overwrite;

    @Option(names = "--require-faces", description = "Face Swap: a frame in which no face is found fails the render "
            + "(exit 7, no partial output left). Without it such frames pass through unchanged and the summary line "
            + "says in how many frames faces were swapped.")
    boolean requireFaces;

    @Option(names = "--list-params", description = "Print the effect's parameters (name, type, default, options) and exit.")
    boolean listParams;

    @Option(names = "--timings", description = "After the render, print where the time went: decode, each stage of the "
            + "effect (detect, align, swap, paste, mark ...), encode; per frame and as a share of all the work.")
    boolean timings;

    @Option(names = {"-v", "--verbose"}, description = "Also print the effects' log messages and FFmpeg's own "
            + "error messages (decoding, encoding).")
    boolean verbose;

    @Mixin
    ModelOptions modelOptions;

    private RenderTimings lastTimings;

    /** The timings of the last successful render run with {@code --timings} (in-process callers: the bench), or null. */
    public RenderTimings lastTimings() {
        return lastTimings;
    }

    private PrintStream out() {
        return ((ManyFacesCli) spec.root().userObject()).out();
    }

    private PrintStream err() {
        return ((ManyFacesCli) spec.root().userObject()).err();
    }

    @Override
    public Integer call() {
        if (listCodecs) {
            printCodecs();
            return ExitCodes.OK;
        }
        EffectDescriptor descriptor = effectDescriptor();
        if (listParams) {
            printParams(descriptor);
            return ExitCodes.OK;
        }
        if (input == null || output == null) {
            throw new ParameterException(spec.commandLine(), "render needs --input and --output");
        }
        FfmpegRuntime.showLibraryLog(verbose);
        ParamValues params;
        try {
            params = buildParams(descriptor);
        } catch (PresetException e) {
            err().println("manyfaces render: preset " + preset + ": " + e.getMessage());
            return e.field().contains(".model") ? ExitCodes.MODEL_FAILURE : ExitCodes.INPUT_UNREADABLE;
        }
        long[] range = parseFrames();
        VideoOutputOptions videoOptions = videoOptions();
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        // Whole frames already keep `threads` cores busy: one frame's own split (faces, row bands) and each model
        // run get only the cores left over, so frames do not fight each other for the same cores.
        int perFrame = Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
        FrameParallelism.setThreads(perFrame);
        InferenceEngine.sizeSharedIntraOpThreads(perFrame);

        FrameSource opened;
        try {
            opened = openInput();
        } catch (MediaInputException e) {
            err().println("manyfaces render: cannot read input: " + e.getMessage());
            return ExitCodes.INPUT_UNREADABLE;
        }
        FrameWindowSource window;
        try {
            window = new FrameWindowSource(opened, range[0], range[1]);
        } catch (IllegalArgumentException e) {
            opened.close();
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (FrameSource source = window) {
            List<Path> existing = OutputClobberGuard.existingOutputs(
                    isSequenceOutput() ? null : Path.of(output),
                    isSequenceOutput() ? MediaFiles.sequencePatternOf(output) : null,
                    noSidecar ? null : RenderSidecar.pathFor(output));
            Optional<String> refused = OutputClobberGuard.refusal(
                    inputFiles(descriptor, params, range[0], opened).stream().map(InputFile::path).toList(),
                    existing, overwrite);
            if (refused.isEmpty() && opened instanceof ImageSequenceReader && Files.isDirectory(Path.of(input))
                    && isSequenceOutput() && OutputClobberGuard.sameFile(Path.of(input),
                    MediaFiles.sequencePatternOf(output).path(0).toAbsolutePath().getParent())) {
                // A folder input is every picture in it: frames written there would become input frames.
                refused = Optional.of("output " + output + " writes into the input folder " + input
                        + "; name another folder");
            }
            if (refused.isPresent()) {
                err().println("manyfaces render: " + refused.get());
                return ExitCodes.OUTPUT_UNWRITABLE;
            }
            // Before the output is created and any frame is read: a render that the effect knows would only copy
            // the input (Face Swap without a usable source face) stops here.
            Optional<String> problem = descriptor.profile().preflight().problem(modelOptions.catalogue(), params,
                    range[0]);
            if (problem.isPresent()) {
                err().println("manyfaces render: " + problem.get());
                return ExitCodes.USAGE;
            }
            boolean wholeInput = range[0] == 0 && range[1] == Long.MAX_VALUE;
            if (!noAudio && source.info().hasAudio() && !wholeInput) {
                err().println("note: audio is not carried over when only some frames are rendered (--frames)");
            }
            if (!noAudio && wholeInput && opened instanceof VideoReader && opened.info().hasAudio()) {
                videoOptions = videoOptions.withAudioFrom(Path.of(input));
            }
            videoOptions = videoOptions.withMetadata("comment", "made with ManyFaces " + ManyFacesVersion.get()
                    + " (" + descriptor.label() + ")");
            CliMessages messages = new CliMessages(err(), verbose);
            // Asked as a host asks for the region of definition: a x3 model gives a x3 output.
            int outputScale = EffectFrameProcessor.outputScale(descriptor, messages, modelOptions.catalogue(), params,
                    range[0]);
            FrameSink sink;
            try {
                sink = openOutput(source, videoOptions, outputScale);
            } catch (MediaOutputException e) {
                err().println("manyfaces render: cannot write output: " + e.getMessage());
                return ExitCodes.OUTPUT_UNWRITABLE;
            } catch (MediaInputException e) {
                err().println("manyfaces render: cannot read input audio: " + e.getMessage());
                return ExitCodes.INPUT_UNREADABLE;
            }
            int code;
            try (FrameSink s = sink;
                 EffectFrameProcessor processor = new EffectFrameProcessor(descriptor, messages,
                         modelOptions.catalogue(), () -> new InputClip(this::openInput, opened.info()), params, range[0],
                         outputScale)) {
                if (s instanceof VideoWriter w) {
                    err().println("video: " + w.encoderPlan().summary());
                }
                ProgressReporter progress = new ProgressReporter(err(), System.console() != null && err() == System.err,
                        5.0, System::nanoTime, descriptor.label());
                FramePipeline pipeline = FramePipeline.builder(source, s)
                        .processor(processor).workers(threads).outputScale(outputScale).progress(progress).build();
                if (timings) {
                    processor.timeStages();
                }
                if (requireFaces) {
                    processor.requireFaces();
                }
                PipelineRunner runner = new PipelineRunner(err(), java.time.Duration.ofSeconds(10),
                        verbose || "1".equals(System.getenv(CliFailures.VERBOSE_ENV)));
                code = runner.run(pipeline, progress);
                if (code == ExitCodes.OK && descriptor.profile().facesVerb() != null) {
                    err().println("faces " + descriptor.profile().facesVerb() + " in " + processor.framesSwapped() + " of " + runner.lastResult().frames()
                            + " frames");
                }
                if (code == ExitCodes.OK && timings) {
                    lastTimings = RenderTimings.of(runner.lastResult(), processor.stageNanos());
                    lastTimings.print(err());
                }
            }
            if (code != ExitCodes.OK || noSidecar) {
                return code;
            }
            return writeSidecar(descriptor, params, range[0], range[0] + Math.max(0, source.framesRead() - 1),
                    source.framesRead(), opened);
        }
    }

    private EffectDescriptor effectDescriptor() {
        return EffectCatalogue.byName(effect).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown effect '" + effect + "': use one of "
                        + String.join(", ", new EffectNames())));
    }

    private ParamValues buildParams(EffectDescriptor d) {
        ParamValues values = new ParamValues(d.params(), preset == null ? null : presetParams(d));
        try {
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs NAME=VALUE, got '" + s + "'");
                }
                values.set(s.substring(0, eq).trim(), s.substring(eq + 1));
            }
            for (String k : keys) {
                Matcher m = KEY.matcher(k);
                if (!m.matches()) {
                    throw new IllegalArgumentException("--key needs NAME@FRAME=VALUE (e.g. blend@25=0.5), got '" + k + "'");
                }
                double t;
                try {
                    t = Double.parseDouble(m.group(2));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--key '" + k + "': frame '" + m.group(2) + "' is not a number");
                }
                values.key(m.group(1), t, m.group(3));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return values;
    }

    /** The preset applied to the effect's defaults, exactly as the plug-in applies it to an instance. */
    private InMemoryParams presetParams(EffectDescriptor d) {
        InMemoryParams base = new InMemoryParams(d.params());
        PresetPlan plan = PresetApplier.applyFile(preset, d.id(), d.params(), base,
                modelOptions.catalogue());
        plan.warnings().forEach(w -> err().println("warning: preset " + preset.getFileName() + ": " + w));
        return base;
    }

    private long[] parseFrames() {
        if (frames == null) {
            return new long[] {0, Long.MAX_VALUE};
        }
        Matcher m = FRAMES.matcher(frames.trim());
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--frames needs A-B, A- or A (0-based frame numbers), got '"
                    + frames + "'");
        }
        long a = Long.parseLong(m.group(1));
        long b = m.group(2) == null ? a : m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (b < a) {
            throw new ParameterException(spec.commandLine(), "--frames " + frames + ": the last frame comes before the first");
        }
        return new long[] {a, b};
    }

    /** The codec settings as given; whether they fit the codec and container is checked when the output opens. */
    private VideoOutputOptions videoOptions() {
        try {
            return VideoOutputOptions.defaults()
                    .withCodec(codec == null ? null : VideoCodec.parse(codec))
                    .withQuality(quality == null ? null : VideoQuality.parse(quality))
                    .withCrf(crf)
                    .withBitRate(bitrate == null ? null : VideoOutputOptions.parseBitRate(bitrate))
                    .withProfile(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void printCodecs() {
        PrintStream o = out();
        o.println("Video codecs (--codec), from the FFmpeg build ManyFaces runs with:");
        for (VideoCodec c : VideoCodec.values()) {
            o.println(String.format(Locale.ROOT, "  %-7s %-26s %-20s %s", c.cliName(), c.label(), c.extensions(),
                    FfmpegRuntime.hasEncoder(c.encoder()) ? "available" : "missing: no " + c.encoder() + " encoder"));
        }
        o.println("Default by container: prores for .mov, vp9 for .webm, h264 for .mp4 and .mkv.");
    }

    private static boolean isStill(String path) {
        return !SequencePattern.looksLikePattern(path) && !Files.isDirectory(Path.of(path))
                && StillImages.READABLE.contains(StillImages.extension(path));
    }

    private FrameSource openInput() throws MediaInputException {
        if (isStill(input)) {
            return StillImageSource.open(Path.of(input), sequenceFps);
        }
        if (!SequencePattern.looksLikePattern(input)) {
            Path p = Path.of(input);
            if (!Files.exists(p)) {
                throw new MediaInputException(input + ": no such file or folder");
            }
            if (!Files.isReadable(p)) {
                throw new MediaInputException(input + ": permission denied");
            }
        }
        return MediaFiles.openSource(input, sequenceFps);
    }

    /** The output, at the input's size times the effect's output scale. */
    private FrameSink openOutput(FrameSource source, VideoOutputOptions options, int outputScale)
            throws MediaOutputException, MediaInputException {
        boolean stillOut = !SequencePattern.looksLikePattern(output) && !output.endsWith("/")
                && !Files.isDirectory(Path.of(output)) && StillImages.WRITABLE.contains(StillImages.extension(output));
        if (stillOut) {
            if (source.info().frameCount() != 1) {
                throw new ParameterException(spec.commandLine(), "output " + output + " is one picture but the input has "
                        + source.info().frameCount() + " frames; name a video or a sequence (frame_%04d.png), or pick "
                        + "one frame with --frames N");
            }
            return StillImageSink.open(Path.of(output));
        }
        try {
            VideoInfo in = source.info();
            return MediaFiles.openSink(output, in.withSize(in.width() * outputScale, in.height() * outputScale), options,
                    ImageSequenceWriter.ExrTransfer.AS_IS);
        } catch (IllegalArgumentException e) {
            // CodecUnavailableException and bad sequence names: a usage problem
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void printParams(EffectDescriptor d) {
        PrintStream o = out();
        o.println(d.label() + " (" + d.id() + ") parameters:");
        ParamValues defaults = new ParamValues(d.params());
        for (ParamSpec p : d.params().rows()) {
            if (!defaults.valueIds().contains(p.id())) {
                continue;
            }
            String def = switch (p.type()) {
                case CHOICE -> p.choices().get((int) p.defaultNumber());
                case STRING -> p.defaultText();
                case BOOL -> p.defaultNumber() != 0 ? "true" : "false";
                case INT -> Long.toString((long) p.defaultNumber());
                default -> num(p.defaultNumber());
            };
            String kind = p.type() == ParamType.STRING && p.stringKind() == StringKind.FILE_PATH ? "file"
                    : p.type().name().toLowerCase(Locale.ROOT);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-20s %-7s default %s", p.id(), kind,
                    def.isEmpty() ? "(empty)" : "'" + def + "'"));
            if (p.type() == ParamType.DOUBLE || p.type() == ParamType.INT) {
                line.append(String.format(Locale.ROOT, ", %s..%s", num(p.min()), num(p.max())));
                if (p.animates()) {
                    line.append(", keyframable");
                }
            }
            if (p.type() == ParamType.CHOICE) {
                List<String> opts = new ArrayList<>();
                for (int i = 0; i < p.choices().size(); i++) {
                    opts.add(i + "=" + p.choices().get(i));
                }
                line.append(", options ").append(String.join(" | ", opts));
            }
            o.println(line);
            o.println("      " + p.label() + ": " + p.hint());
        }
    }

    /**
     * A parameter's number as a person reads it: whole numbers without a fraction, others to three
     * significant digits at most (a default of 100/24 prints as 4.17, not 4.166666666666667).
     */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
        return d.stripTrailingZeros().toPlainString();
    }

    private int writeSidecar(EffectDescriptor d, ParamValues params, long first, long last, long count,
                             FrameSource opened) {
        Path where = RenderSidecar.pathFor(output);
        try {
            List<RenderSidecar.HashedFile> inputs = new ArrayList<>();
            for (InputFile f : inputFiles(d, params, first, opened)) {
                inputs.add(hashed(f.role(), f.path()));
            }
            RenderSidecar record = RenderSidecar.of(d.id(), output, new RenderSidecar.FrameRange(first, last, count),
                    inputs, selectedModels(d, params, first), params.resolved(first), params.given(),
                    InferenceEngine.shared().status().describe(), watermarkOf(d, params, first),
                    hasDisclosure(d) && params.getBool(DisclosureParams.LABEL, first));
            record.write(where);
            return ExitCodes.OK;
        } catch (MediaOutputException e) {
            err().println("manyfaces render: " + e.getMessage());
            return ExitCodes.OUTPUT_UNWRITABLE;
        }
    }

    /** A file the render reads, and what it is to the render ("input", "preset" or the parameter's name). */
    private record InputFile(String role, Path path) {
    }

    /**
     * Every file the render reads: the input (each frame of a sequence), the preset and the files named by
     * file parameters at the first frame (Face Swap's source faces, a model file). These are what the
     * provenance record hashes, and what no output may ever replace.
     */
    private List<InputFile> inputFiles(EffectDescriptor d, ParamValues params, long first, FrameSource opened) {
        List<InputFile> files = new ArrayList<>();
        if (opened instanceof ImageSequenceReader seq) {
            for (Path f : seq.files()) {
                files.add(new InputFile("input", f));
            }
        } else if (!SequencePattern.looksLikePattern(input)) {
            files.add(new InputFile("input", Path.of(input)));
        }
        if (preset != null) {
            files.add(new InputFile("preset", preset));
        }
        for (ParamSpec p : d.params().rows()) {
            if (p.type() == ParamType.STRING && p.stringKind() == StringKind.FILE_PATH) {
                for (String part : params.getString(p.id(), first).split(";")) {
                    Path f = Path.of(part.trim());
                    if (!part.isBlank() && Files.isRegularFile(f)) {
                        files.add(new InputFile(p.id(), f));
                    }
                }
            }
        }
        return files;
    }

    private boolean isSequenceOutput() {
        return MediaFiles.isSequenceOutput(output);
    }

    /** The watermark the effect embedded, from its parameters at the first frame (off when switched off). */
    private static ProvenanceRecord.WatermarkInfo watermarkOf(EffectDescriptor d, ParamValues params, long first) {
        return DisclosurePayloads.of(d, params, first)
                .map(p -> ProvenanceRecord.WatermarkInfo.on(WatermarkDetector.DEFAULT_KEY, p, DisclosurePayloads.STRENGTH))
                .orElse(ProvenanceRecord.WatermarkInfo.off());
    }

    private static boolean hasDisclosure(EffectDescriptor d) {
        return d.params().rows().stream().anyMatch(p -> p.id().equals(DisclosureParams.LABEL));
    }

    private static RenderSidecar.HashedFile hashed(String role, Path f) {
        return new RenderSidecar.HashedFile(role, f.toAbsolutePath().normalize().toString(), FileDigests.sha256(f));
    }

    /**
     * The model files the effect ran, resolved by the effect itself ({@link EffectProfile#usedModels()}) over the
     * same catalogue its renderer got, from the parameters at the first frame. Models that cannot be resolved
     * are left out (the render succeeded, so the effect did not need them).
     */
    private List<RenderSidecar.HashedFile> selectedModels(EffectDescriptor d, ParamValues params, double time) {
        List<RenderSidecar.HashedFile> out = new ArrayList<>();
        try {
            for (EffectProfile.ModelFile m : d.profile().usedModels().of(modelOptions.catalogue(), params, time)) {
                out.add(hashed(m.role(), m.file()));
            }
        } catch (RuntimeException e) {
            err().println("note: the provenance record lists no models: " + e.getMessage());
        }
        return out;
    }
}
