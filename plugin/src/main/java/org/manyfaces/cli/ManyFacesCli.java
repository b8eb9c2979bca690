package org.manyfaces.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code manyfaces} command: headless renders with the plug-in's own effects, face detection,
 * model management. Every subcommand returns an {@link ExitCodes} value; nothing but {@link #main} ends
 * the process.
 */
@Command(name = "manyfaces", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        usageHelpAutoWidth = true,
        subcommands = {RenderCommand.class, DetectCommand.class, VerifyCommand.class, ModelsCommand.class,
                PresetCommand.class,
                BenchCommand.class, HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Face swap and image translation for video, headless: the same effects and models as the ManyFaces "
                        + "OFX plug-in, run from a shell or a render farm.",
                ""},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "  0:Success; the output is complete.",
                "  1:The render failed part-way; no partial output is left behind.",
                "  2:Bad command line (unknown option or parameter, bad value, codec this build cannot write), or "
                        + "Face Swap without a usable source face (checked before any frame).",
                "  3:The input is missing, unreadable or cannot be decoded.",
                "  4:The output cannot be created or written, already exists (see render --overwrite) or is an input.",
                "  5:A model is missing, fails its SHA-256 check or does not match its contract.",
                "  6:verify: no ManyFaces watermark found in the file.",
                "  7:render --require-faces: a frame has no face; no partial output is left behind.",
                "130:Interrupted by Ctrl-C (SIGINT); partial output removed.",
                "143:Stopped by SIGTERM (kill, a service manager); partial output removed."},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  MANYFACES_MODELS     model folders searched after --models (separated by ':')",
                "  MANYFACES_MANIFEST   the models manifest (default: the one packed into ManyFaces)",
                "  MANYFACES_NO_GPU     set to 1 to run every network on the CPU",
                "  MANYFACES_ORT_SPIN   set to 1 to let ONNX Runtime's threads spin-wait (off: faster beside "
                        + "decoding, encoding and an editor's own threads)",
                "  MANYFACES_CUDA_DEVICE  CUDA device number (default 0)",
                "  MANYFACES_VERBOSE    set to 1 to print the stack trace of an internal error (render: --verbose)",
                "",
                "Run 'manyfaces COMMAND --help' for the options of a command."})
public final class ManyFacesCli implements Runnable {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger PROJECT_LOGGER = java.util.logging.Logger.getLogger("org.manyfaces");

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    private ManyFacesCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Process entry point (the launcher script's main class). Ending the JVM with the status is right here
     * and only here: this method is never called inside an editor, and scripts need the exit code.
     */
    public static void main(String[] args) {
        // Libraries' informational logging would interleave with progress lines; the CLI says what matters itself.
        PROJECT_LOGGER.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command line and returns its exit code (in-process: tests, embedding). Exceptions end at picocli's
     * handler ({@link #commandLine}); an {@link Error} (out of memory, a native library that does not load) passes
     * picocli by, so this is the main thread's last boundary: the same sentence and code, never the JVM's
     * "Exception in thread main" dump.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(out, err);
        try {
            return cl.execute(args);
        } catch (Error e) {
            CliFailures.report(err, "manyfaces: ", e, "1".equals(System.getenv(CliFailures.VERBOSE_ENV))
                    || java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v"));
            return ExitCodes.RENDER_ERROR;
        }
    }

    /** The configured picocli command line writing to {@code out} (data, help) and {@code err} (messages). */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new ManyFacesCli(out, err));
        // Picocli lays the help out unwrapped; HelpWrapping wraps it at spaces only (picocli would also
        // break inside words such as ".assets/models"). Both settings reach every subcommand.
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(HelpWrapping.UNWRAPPED_WIDTH);
        int width = HelpWrapping.terminalWidth();
        cl.setOut(new PrintWriter(HelpWrapping.wrapping(
                new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), width), true));
        cl.setErr(new PrintWriter(HelpWrapping.wrapping(
                new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), width), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // One clear line and a pointer to --help instead of the whole usage text.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine where = ex.getCommandLine();
            err.println(where.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + where.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, where, parseResult) -> {
            CliFailures.report(err, where.getCommandSpec().qualifiedName() + ": ", ex,
                    CliFailures.verbose(parseResult, System.getenv()));
            return CliFailures.exitCode(ex);
        });
        return cl;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** No command given: say what the commands are, and fail as a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
    }
}
