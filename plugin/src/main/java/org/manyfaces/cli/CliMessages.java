package org.manyfaces.cli;

import java.io.PrintStream;

import org.manyfaces.effect.EffectMessages;

/**
 * Effect messages on the command line: warnings and errors on stderr (stdout stays for data), log lines
 * only with {@code --verbose}. Thread-safe (renderers on several worker threads may report at once).
 */
final class CliMessages implements EffectMessages {
    private final PrintStream err;
    private final boolean verbose;

    CliMessages(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public synchronized void warning(String id, String text) {
        err.println("warning: " + text);
    }

    @Override
    public synchronized void error(String id, String text) {
        err.println("error: " + text);
    }

    @Override
    public synchronized void log(String id, String text) {
        if (verbose) {
            err.println("log: " + text);
        }
    }
}
