package org.manyfaces.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.manyfaces.video.FramePipeline;
import org.manyfaces.video.RenderFailedException;

/**
 * Runs a {@link FramePipeline} for the command line: Ctrl-C (SIGINT) and SIGTERM cancel it cleanly, the
 * outcome is printed in one line, and the result is an {@link ExitCodes exit code} (never
 * {@code System.exit}; the caller returns it from picocli's {@code call()}).
 *
 * <p>A signal makes the JVM run its shutdown hooks and then halt, whatever other threads are doing.
 * The hook installed here cancels the pipeline and waits (up to {@code cleanupTimeout}) until the
 * pipeline has aborted its sink, so that the partial output is removed before the process ends.
 */
public final class PipelineRunner {
    private final PrintStream err;
    private final Duration cleanupTimeout;
    /** Whether a bug's stack trace is printed (render --verbose, MANYFACES_VERBOSE=1). */
    private final boolean verbose;
    private FramePipeline.Result lastResult;

    /**
     * @param err            where the outcome and errors are printed
     * @param cleanupTimeout how long a signal waits for the partial output to be removed
     */
    public PipelineRunner(PrintStream err, Duration cleanupTimeout) {
        this(err, cleanupTimeout, "1".equals(System.getenv(CliFailures.VERBOSE_ENV)));
    }

    /** As above; {@code verbose} prints the stack trace of a failure that is a bug. */
    public PipelineRunner(PrintStream err, Duration cleanupTimeout, boolean verbose) {
        this.err = err;
        this.cleanupTimeout = cleanupTimeout;
        this.verbose = verbose;
    }

    /** Prints to {@code System.err}, waits up to 10 s on a signal. */
    public static PipelineRunner forConsole() {
        return new PipelineRunner(System.err, Duration.ofSeconds(10));
    }

    /**
     * Runs the pipeline to completion, failure or cancellation.
     *
     * @param reporter the pipeline's progress reporter, finished here (may be null)
     * @return {@link ExitCodes#OK}, {@link ExitCodes#INTERRUPTED}, or the code for the failure
     */
    public int run(FramePipeline pipeline, ProgressReporter reporter) {
        lastResult = null;
        // Released once this run has said how it ended. The JVM halts as soon as its shutdown hooks return, so
        // a hook that only waited for the pipeline could let the process end before the run's last line (the
        // one saying the partial output was removed) reached stderr.
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            pipeline.cancel();
            try {
                long deadline = System.nanoTime() + cleanupTimeout.toNanos();
                pipeline.awaitTermination(cleanupTimeout);
                reported.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        }, "manyfaces-cancel-on-signal");
        boolean hooked = addHook(hook);
        try {
            if (reporter != null) {
                reporter.start(); // rates from the start of the run, not from the first finished frame
            }
            FramePipeline.Result r = pipeline.run();
            lastResult = r;
            if (reporter != null) {
                reporter.finish(r.frames(), r.seconds());
            }
            err.printf(java.util.Locale.ROOT, "done: %d frames in %.1f s (%.1f fps)%n", r.frames(), r.seconds(),
                    r.framesPerSecond());
            return ExitCodes.OK;
        } catch (CancellationException e) {
            endLine(reporter);
            err.println("interrupted: " + e.getMessage());
            return ExitCodes.INTERRUPTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endLine(reporter);
            err.println("interrupted; the partial output was removed");
            return ExitCodes.INTERRUPTED;
        } catch (RenderFailedException e) {
            endLine(reporter);
            CliFailures.report(err, "error: ", e, verbose);
            return CliFailures.exitCode(e);
        } finally {
            err.flush();
            reported.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to; it only waits for this run, which has ended
                }
            }
        }
    }

    /** The result of the last {@link #run} that succeeded, or null when it did not. */
    public FramePipeline.Result lastResult() {
        return lastResult;
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private void endLine(ProgressReporter reporter) {
        if (reporter != null) {
            reporter.finish();
        }
    }
}
