package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code installer/install.sh} on the built bundle: install into a temporary prefix (with the
 * jlink runtime and an offline model install), upgrade in place, uninstall, and check that exactly the
 * recorded files came and went. An integration test (failsafe, {@code *IT}) because it needs the
 * bundle that the package phase assembles; skipped, saying why, when that bundle does not exist.
 *
 * <p>Another bundle can be given with {@code -Dmanyfaces.bundle=DIR} or {@code MANYFACES_BUNDLE}.
 */
@Tag("integration")
class InstallScriptIT {
    private static final String BUNDLE = "ManyFaces.ofx.bundle";
    private static final String RECORD = "Contents/Resources/install-record.txt";
    private static final Set<String> GPU_PROVIDERS =
            Set.of("libonnxruntime_providers_cuda.so", "libonnxruntime_providers_tensorrt.so");

    @TempDir
    Path tmp;

    @Test
    void installsUpgradesAndUninstallsExactlyWhatItRecorded() throws Exception {
        Path repo = repoRoot();
        Path source = bundleUnderTest(repo);
        Path prefix = Files.createDirectories(tmp.resolve("prefix"));
        Path models = tmp.resolve("models");
        byte[] modelBytes = TestBytes.random(10_000, 42);
        Path stash = Files.createDirectories(tmp.resolve("stash/deep"));
        Files.write(stash.resolve("renamed-model.bin"), modelBytes);
        Path manifest = tmp.resolve("manifest.json");
        Files.writeString(manifest, """
                {"models": [{"id": "test", "file": "test.onnx", "size": %d, "sha256": "%s",
                  "urls": ["https://example.invalid/test.onnx"], "licence": {"name": "MIT", "commercial": true}}]}
                """.formatted(modelBytes.length, TestBytes.sha256(modelBytes)));

        Result install = script(repo, "--bundle", source.toString(), "--prefix", prefix.toString(), "--no-build",
                "--manifest", manifest.toString(), "--models", models.toString(), "--from",
                tmp.resolve("stash").toString(), "--offline");

        assertEquals(0, install.code, install.output);
        Path target = prefix.resolve("OFX/Plugins").resolve(BUNDLE);
        Path launcher = prefix.resolve("bin/manyfaces");
        // Without --with-cuda the CUDA and TensorRT providers are installed only where an NVIDIA driver is.
        boolean cudaExpected = nvidiaDriverPresent();
        for (Path f : files(source)) {
            Path rel = source.relativize(f);
            if (rel.startsWith("Contents/Resources/jre") || rel.toString().equals(RECORD)) {
                continue;
            }
            if (GPU_PROVIDERS.contains(rel.getFileName().toString()) && !cudaExpected) {
                assertFalse(Files.exists(target.resolve(rel.toString())), rel + " is left out without an NVIDIA driver");
                continue;
            }
            assertEquals(Files.size(f), Files.size(target.resolve(rel.toString())), "installed copy of " + rel);
        }
        long installedBytes = printedInstalledBytes(install.output);
        assertTrue(install.output.contains(cudaExpected ? "CUDA provider kept" : "CUDA provider left out"), install.output);
        Path java = target.resolve("Contents/Resources/jre/bin/java");
        assertTrue(Files.isExecutable(java), "the bundle carries its jlink runtime");
        assertEquals(0, run(List.of(java.toString(), "-version"), repo).code, "the bundled runtime starts");
        String modules = run(List.of(java.toString(), "--list-modules"), repo).output;
        for (String needed : List.of("java.base@", "java.net.http@", "jdk.unsupported@", "jdk.crypto.ec@")) {
            assertTrue(modules.contains(needed), "runtime lacks " + needed + ":\n" + modules);
        }
        assertTrue(Files.isExecutable(launcher));
        String launcherText = Files.readString(launcher);
        assertTrue(launcherText.contains("org.manyfaces.cli.ManyFacesCli") && launcherText.contains(target.toString()),
                launcherText);
        Result cli = run(List.of(launcher.toString(), "--help"), repo);
        if (hasClass(target, "org/manyfaces/cli/ManyFacesCli.class")) {
            assertEquals(0, cli.code, cli.output);
        } else {
            // The CLI is not in this bundle yet; the launcher still proves it started the bundle's Java
            // with the right class name.
            assertTrue(cli.output.contains("Could not find or load main class org.manyfaces.cli.ManyFacesCli"),
                    cli.output);
        }
        assertTrue(install.output.contains("export OFX_PLUGIN_PATH=" + prefix.resolve("OFX/Plugins")), install.output);
        if (!cudaExpected && hasClass(target, "org/manyfaces/cli/ManyFacesCli.class")) {
            // The CPU-only install still runs models, and says why CUDA is not used.
            Result status = run(List.of(launcher.toString(), "models", "list", "--manifest",
                    target.resolve("Contents/Resources/models/manifest.json").toString(), "--models", models.toString()),
                    repo);
            assertTrue(status.output.contains("Provider:  CPU — no NVIDIA GPU driver")
                    || status.output.contains("Provider:  CPU — the CUDA provider library"), status.output);
        }
        assertArrayEquals(modelBytes, Files.readAllBytes(models.resolve("test.onnx")),
                "the model step ran with the bundle's runtime and found the renamed file by hash");

        // Discovery: with nothing set the shim takes the bundle's own runtime first.
        renderWithTheInstalledBundleAndNoSystemJava(repo, target, null);
        // And that jlink runtime really starts the plug-in (MANYFACES_JAVA_HOME is used exclusively).
        renderWithTheInstalledBundleAndNoSystemJava(repo, target, target.resolve("Contents/Resources/jre"));

        Set<String> recorded = recordedFiles(target);
        Set<String> present = new TreeSet<>();
        files(prefix).forEach(p -> present.add(p.toString()));
        assertEquals(present, recorded, "the record lists exactly the installed files");

        Result upgrade = script(repo, "--bundle", source.toString(), "--prefix", prefix.toString(), "--no-build",
                "--with-cuda");
        assertEquals(0, upgrade.code, upgrade.output);
        Path cudaProvider = target.resolve("Contents/Resources/native/libonnxruntime_providers_cuda.so");
        assertEquals(Files.size(source.resolve("Contents/Resources/native/libonnxruntime_providers_cuda.so")),
                Files.size(cudaProvider), "--with-cuda installs the CUDA provider");
        assertTrue(upgrade.output.contains("CUDA provider kept: --with-cuda"), upgrade.output);
        long withCudaBytes = printedInstalledBytes(upgrade.output);
        if (!cudaExpected) {
            assertTrue(withCudaBytes - installedBytes >= Files.size(cudaProvider),
                    "sizes printed: " + installedBytes + " CPU-only, " + withCudaBytes + " with CUDA");
        }
        try (Stream<Path> siblings = Files.list(prefix.resolve("OFX/Plugins"))) {
            assertEquals(List.of(target), siblings.toList(), "no staging or old copies left beside the bundle");
        }
        Set<String> afterUpgrade = new TreeSet<>();
        files(prefix).forEach(p -> afterUpgrade.add(p.toString()));
        assertEquals(afterUpgrade, recordedFiles(target));

        Result uninstall = script(repo, "--uninstall", "--prefix", prefix.toString());
        assertEquals(0, uninstall.code, uninstall.output);
        try (Stream<Path> left = Files.list(prefix)) {
            assertEquals(List.of(), left.toList(), "nothing left behind in the prefix");
        }
        assertTrue(Files.isRegularFile(models.resolve("test.onnx")), "models are user data and are kept");

        Result again = script(repo, "--uninstall", "--prefix", prefix.toString());
        assertEquals(1, again.code);
        assertTrue(again.output.contains("no ManyFaces install record"), again.output);
    }

    /**
     * What an editor on a machine without Java sees: the test host loads the INSTALLED bundle with an empty
     * environment (no JAVA_HOME, no MANYFACES_JAVA_HOME, a PATH without java, a fresh HOME), so the shim can
     * only use the jlink runtime inside the bundle; Image Translate's diagnostic negative (a closed form)
     * renders, and nothing is unpacked into the home folder.
     */
    private void renderWithTheInstalledBundleAndNoSystemJava(Path repo, Path installedBundle, Path onlyJava)
            throws Exception {
        Path host = Path.of(System.getProperty("manyfaces.testhost",
                repo.resolve("bridge-native/target/ofx-testhost").toString()));
        Assumptions.assumeTrue(Files.isExecutable(host), "skipped: no test host at " + host);
        int w = 7;
        int h = 5;
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i % 4 == 3 ? 255 : (i * 37) % 256);
        }
        Path in = tmp.resolve("in.pam");
        byte[] header = ("P7\nWIDTH " + w + "\nHEIGHT " + h + "\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[header.length + rgba.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(rgba, 0, file, header.length, rgba.length);
        Files.write(in, file);
        Path home = Files.createTempDirectory(tmp, "empty-home");
        Path out = tmp.resolve("out_%d.pam");
        List<String> cmd = List.of(host.toString(), "--plugin", "org.manyfaces.ImageTranslate", "--input", in.toString(),
                "--output", out.toString(), "--frames", "0-1", "--set", "model=1", "--set", "mix=1",
                "--set", "watermark=0", // the closed form below is the negative without the disclosure mark
                installedBundle.toString());
        Path log = Files.createTempFile(tmp, "host", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", tmp.resolve("no-java-here").toString());
        pb.environment().put("HOME", home.toString());
        if (onlyJava != null) {
            pb.environment().put("MANYFACES_JAVA_HOME", onlyJava.toString());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "test host did not finish");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("summary rendered=2 failed=0"), text);
        byte[] got = Files.readAllBytes(tmp.resolve("out_1.pam"));
        int off = got.length - rgba.length;
        for (int i = 0; i < rgba.length; i++) {
            int expected = i % 4 == 3 ? 255 : 255 - (rgba[i] & 0xFF);
            assertEquals(expected, got[off + i] & 0xFF, "byte " + i + " of the negative rendered by the installed bundle");
        }
        // The one file a host session writes under HOME is the plug-in's own log, in the XDG state folder where
        // logs belong (docs/ARCHITECTURE.md, "Errors and logs"); nothing is unpacked there.
        Path pluginLog = home.resolve(".local/state/ManyFaces/manyfaces.log");
        try (Stream<Path> left = Files.walk(home)) {
            List<Path> files = left.filter(Files::isRegularFile).toList();
            assertEquals(List.of(pluginLog), files, "nothing but the plug-in log is written into the home folder");
        }
        assertTrue(Files.readString(pluginLog).contains(": temporal clip access "), "the log holds the host profile");
    }

    /** The install.sh rule: the driver's version file, or libcuda.so.1 in the loader cache. */
    private static boolean nvidiaDriverPresent() throws Exception {
        if (Files.isReadable(Path.of("/proc/driver/nvidia/version"))) {
            return true;
        }
        Process p = new ProcessBuilder("sh", "-c", "ldconfig -p 2>/dev/null | awk '$1 == \"libcuda.so.1\"'")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String ldPath = System.getenv().getOrDefault("LD_LIBRARY_PATH", "");
        boolean inLdPath = java.util.Arrays.stream((ldPath + ":/usr/lib/wsl/lib").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.exists(Path.of(d, "libcuda.so.1")));
        return !out.isBlank() || inLdPath;
    }

    /** The size install.sh prints on its "Installed DIR: SIZE (N bytes)" line. */
    private static long printedInstalledBytes(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("==> Installed .*: \\S+ \\((\\d+) bytes\\)")
                .matcher(output);
        assertTrue(m.find(), "install.sh prints the installed size:\n" + output);
        return Long.parseLong(m.group(1));
    }

    private static boolean hasClass(Path bundle, String entry) throws IOException {
        try (Stream<Path> jars = Files.list(bundle.resolve("Contents/Resources/lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                    if (zip.getEntry(entry) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Set<String> recordedFiles(Path target) throws IOException {
        return Files.readAllLines(target.resolve(RECORD)).stream()
                .filter(l -> l.startsWith("f "))
                .map(l -> l.substring(2))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p)).sorted().toList();
        }
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("installer/install.sh")) && Files.isDirectory(p.resolve("plugin"))) {
                return p;
            }
        }
        throw new AssertionError("installer/install.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static Path bundleUnderTest(Path repo) {
        String override = System.getProperty("manyfaces.bundle", System.getenv("MANYFACES_BUNDLE"));
        Path bundle = override != null && !override.isBlank() ? Path.of(override)
                : repo.resolve("plugin/target").resolve(BUNDLE);
        Assumptions.assumeTrue(Files.isDirectory(bundle), "skipped: " + bundle
                + " does not exist yet (the plugin module assembles it in the package phase)");
        return bundle.toAbsolutePath();
    }

    private record Result(int code, String output) {
    }

    private Result script(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", repo.resolve("installer/install.sh").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, repo);
    }

    private Result run(List<String> cmd, Path dir) throws Exception {
        Path log = Files.createTempFile(tmp, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 8 minutes; output:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
