package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command install.sh runs, end to end against a 127.0.0.1 server and a local folder. */
class InstallMainTest {
    @TempDir
    Path dir;
    private LocalModelServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private byte[] free;
    private byte[] restricted;
    private Path manifest;

    @BeforeEach
    void setUp() throws Exception {
        server = new LocalModelServer();
        free = TestBytes.random(20_000, 1);
        restricted = TestBytes.random(30_000, 2);
        server.serve("/m/free.onnx", free);
        server.serve("/m/nc.onnx", restricted);
        manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, """
                {"models": [
                  {"id": "free", "file": "free.onnx", "size": %d, "sha256": "%s", "urls": ["%s"],
                   "licence": {"name": "MIT", "commercial": true}},
                  {"id": "nc", "file": "nc.onnx", "size": %d, "sha256": "%s", "urls": ["%s"],
                   "licence": {"name": "Non-Commercial", "commercial": false}}
                ]}""".formatted(free.length, TestBytes.sha256(free), server.uri("/m/free.onnx"),
                restricted.length, TestBytes.sha256(restricted), server.uri("/m/nc.onnx")));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private int run(LicenceGate gate, String... args) {
        return InstallMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), gate,
                DownloadListener.NONE);
    }

    @Test
    void downloadsEverythingWhenLicencesAreAccepted() throws Exception {
        Path models = dir.resolve("models");
        int code = run(LicenceGate.acceptingAll(), "--manifest", manifest.toString(), "--models", models.toString());

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertArrayEquals(free, Files.readAllBytes(models.resolve("free.onnx")));
        assertArrayEquals(restricted, Files.readAllBytes(models.resolve("nc.onnx")));
    }

    @Test
    void withoutAcceptanceTheRestrictedModelIsListedAsNotInstalled() throws Exception {
        int code = run(LicenceGate.refusingRestricted(), "--manifest", manifest.toString());

        assertEquals(1, code);
        Path defaultModels = dir.resolve(".local/share/ManyFaces/models");
        assertTrue(Files.isRegularFile(defaultModels.resolve("free.onnx")), "'default' resolves under HOME");
        assertFalse(Files.exists(defaultModels.resolve("nc.onnx")));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("1 of 2 model(s) not installed") && errors.contains("--accept-licences"), errors);
        assertTrue(server.requests("/m/nc.onnx").isEmpty());
    }

    @Test
    void offlineInstallFromAFolderFindsRenamedFilesAndNeverDownloads() throws Exception {
        Path stash = Files.createDirectories(dir.resolve("stash/sub"));
        Files.write(stash.resolve("renamed.bin"), free);
        Path models = dir.resolve("models");

        int code = run(LicenceGate.acceptingAll(), "--manifest", manifest.toString(), "--models", models.toString(),
                "--from", dir.resolve("stash").toString(), "--offline", "--link", "copy");

        assertEquals(1, code, "nc.onnx is not in the folder");
        assertArrayEquals(free, Files.readAllBytes(models.resolve("free.onnx")));
        assertTrue(server.requests().isEmpty(), "--offline never downloads");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nc: no file in"));
    }

    @Test
    void fromAFolderThenDownloadsWhatIsMissing() throws Exception {
        Files.createDirectories(dir.resolve("stash"));
        Files.write(dir.resolve("stash/whatever"), restricted);
        Path models = dir.resolve("models");

        int code = run(LicenceGate.acceptingAll(), "--manifest", manifest.toString(), "--models", models.toString(),
                "--from", dir.resolve("stash").toString());

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(server.requests("/m/nc.onnx").isEmpty(), "found locally, not downloaded");
        assertEquals(1, server.requests("/m/free.onnx").size());
        assertArrayEquals(restricted, Files.readAllBytes(models.resolve("nc.onnx")));
    }

    @Test
    void listShowsLicencesAndStateWithoutTouchingAnything() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.write(models.resolve("free.onnx"), free);

        int code = run(LicenceGate.refusingRestricted(), "--manifest", manifest.toString(), "--models",
                models.toString(), "--list");

        assertEquals(0, code);
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("free ") && l.contains("MIT") && l.endsWith("present")),
                listing);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("nc ") && l.contains("Non-Commercial (NC)")
                && l.endsWith("missing")), listing);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void unknownIdsAndBadOptionsAreUsageErrors() {
        assertEquals(2, run(LicenceGate.acceptingAll(), "--manifest", manifest.toString(), "--only", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown model id(s) [nope]"));
        assertEquals(2, run(LicenceGate.acceptingAll(), "--manifest", manifest.toString(), "--link", "teleport"));
        assertEquals(1, run(LicenceGate.acceptingAll(), "--manifest", dir.resolve("missing.json").toString()));
    }

    @Test
    void defaultModelsDirFollowsTheEnvironment() {
        assertEquals(Path.of("/m"), InstallMain.defaultModelsDir(Map.of("MANYFACES_MODELS", "/m", "HOME", "/h")));
        assertEquals(Path.of("/x/ManyFaces/models"), InstallMain.defaultModelsDir(Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/h/.local/share/ManyFaces/models"), InstallMain.defaultModelsDir(Map.of("HOME", "/h")));
        // Several folders: the installer writes into the first, the one searched first.
        assertEquals(Path.of("/m"), InstallMain.defaultModelsDir(Map.of("MANYFACES_MODELS", "/m:/n")));
    }
}
