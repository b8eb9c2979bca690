package org.manyfaces.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code manyfaces} command in this JVM or as a separate java process, capturing its streams. */
record CliRun(int code, String out, String err) {

    /** In-process, through picocli's {@code execute}. */
    static CliRun inProcess(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = ManyFacesCli.run(args, out, err);
        }
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** As its own process ({@code java -cp <test class path> ManyFacesCli ...}), as a user or script runs it. */
    static CliRun process(Map<String, String> env, Path workDir, String... args) throws IOException, InterruptedException {
        return process(System.getProperty("java.class.path"), env, workDir, args);
    }

    /**
     * As {@link #process}, with the FFmpeg the bundle ships: the test class path without JavaCV's GPL FFmpeg
     * jar (a test-only dependency), which JavaCPP would otherwise load in preference even in a fresh JVM.
     */
    static CliRun processWithShippedFfmpeg(Map<String, String> env, Path workDir, String... args)
            throws IOException, InterruptedException {
        String shipped = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches("ffmpeg-.*-gpl\\.jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return process(shipped, env, workDir, args);
    }

    /**
     * {@code java -cp classPath} for a child JVM of a test, up to the main class: the child unpacks JavaCV's natives
     * where this test JVM does (the build folder, plugin/pom.xml), not into ~/.javacpp.
     */
    static List<String> javaCommand(String classPath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classPath);
        String cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cacheDir != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        return cmd;
    }

    private static CliRun process(String classPath, Map<String, String> env, Path workDir, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = javaCommand(classPath);
        cmd.add(ManyFacesCli.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        Path outFile = workDir.resolve("stdout.txt");
        Path errFile = workDir.resolve("stderr.txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("manyfaces " + String.join(" ", args) + " did not end within 5 minutes");
        }
        return new CliRun(p.exitValue(), java.nio.file.Files.readString(outFile), java.nio.file.Files.readString(errFile));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
