package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every help text of the command line wraps at spaces only, within the width, with picocli's indentation. */
class HelpWrappingTest {
    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).toList();
    }

    private static void collect(CommandLine cl, List<String[]> paths, List<String> prefix) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            paths.add(path.toArray(String[]::new));
            collect(e.getValue(), paths, path);
        }
    }

    @Test
    void everyHelpTextBreaksBetweenWordsOnlyAndFitsTheWidth() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        CommandLine root = ManyFacesCli.commandLine(sink, sink);
        List<String[]> paths = new ArrayList<>();
        paths.add(new String[0]);
        collect(root, paths, List.of());
        assertTrue(paths.size() >= 10, "render, detect, verify, models and its subcommands ...: " + paths.size());
        int width = HelpWrapping.terminalWidth();
        for (String[] path : paths) {
            CommandLine cl = root;
            for (String p : path) {
                cl = cl.getSubcommands().get(p);
            }
            String unwrapped = cl.getUsageMessage(); // laid out at HelpWrapping.UNWRAPPED_WIDTH: nothing wrapped
            String[] args = Arrays.copyOf(path, path.length + 1);
            args[path.length] = "--help";
            CliRun r = CliRun.inProcess(args);
            assertEquals(0, r.code(), r.toString());
            String name = String.join(" ", path);
            assertEquals(words(unwrapped), words(r.out()), "'" + name + " --help' breaks only between words");
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= width, "'" + name + " --help' line over " + width + ": " + line);
            }
        }
        CliRun models = CliRun.inProcess("models", "--help");
        assertTrue(models.out().contains(".assets/models"), models.out());
        CliRun render = CliRun.inProcess("render", "--help");
        assertTrue(render.out().contains("(.png, .jpg, .bmp)"), render.out());
    }

    @Test
    void continuationLinesAreIndentedLikePicocliAndLongWordsStayWhole() {
        String row = "  -x, --example=N      " + "word ".repeat(20).trim(); // description column 23
        List<String> lines = HelpWrapping.wrapLine(row, 60);
        assertTrue(lines.size() > 1 && lines.get(0).startsWith("  -x, --example=N      word"), lines.toString());
        for (String l : lines.subList(1, lines.size())) {
            assertTrue(l.startsWith(" ".repeat(25) + "word"), "two past the description column: " + lines);
            assertTrue(l.length() <= 60, l);
        }
        String path = "/a".repeat(40);
        assertEquals(List.of("see", path, "now"), HelpWrapping.wrapLine("see " + path + " now", 20));
        assertEquals(List.of("Usage: manyfaces render [-a]", "                        [-b]"),
                HelpWrapping.wrapLine("Usage: manyfaces render [-a] [-b]", 30));
    }

    @Test
    void numbersInParameterListsAreReadable() {
        assertEquals("4.17", RenderCommand.num(100.0 / 24));
        assertEquals("0.5", RenderCommand.num(0.5));
        assertEquals("25", RenderCommand.num(25));
        assertEquals("0.00123", RenderCommand.num(0.001234));
        CliRun r = CliRun.inProcess("render", "-e", "faceswap", "--list-params");
        assertTrue(r.out().contains("labelSize") && !r.out().contains("666666"), r.out());
    }
}
