package org.manyfaces.cli;

import picocli.CommandLine;

/**
 * Runs {@code manyfaces bench} as a plain Java main with the same options, e.g.
 * {@code java -cp <plugin jar and dependencies> org.manyfaces.cli.BenchMain --sizes 1080p --faces 1}.
 * The exit status is the command's ({@link ExitCodes}). Only this entry point ends the
 * process; the bench classes never do.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new BenchCommand()).execute(args);
        System.exit(code);
    }
}
