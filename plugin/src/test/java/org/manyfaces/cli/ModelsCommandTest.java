package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/** {@code manyfaces models}: the trust flag for unconfirmed hashes, and which release an installed file is. */
class ModelsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theTrustFlagIsDocumentedInTheHelp() {
        CliRun models = CliRun.inProcess("models", "--help");
        assertEquals(0, models.code(), models.toString());
        assertTrue(models.out().contains("--trust-unverified"), models.out());
        CliRun fetch = CliRun.inProcess("models", "fetch", "--help");
        assertEquals(0, fetch.code(), fetch.toString());
        assertTrue(fetch.out().contains("--trust-unverified"), fetch.out());
        assertTrue(fetch.out().replaceAll("\\s+", " ").contains("two public sources agree"), fetch.out());
    }

    @Test
    void fetchRefusesAModelWithoutAConfirmedHashNamingItAndTheFlag() throws IOException {
        // FaceFusion's YuNet has no published SHA-256: refused before any download, and nothing is written.
        Path dir = Files.createDirectory(tmp.resolve("models"));
        CliRun r = CliRun.inProcess("models", "fetch", "yunet_2023_mar_facefusion", "--models", dir.toString());
        assertEquals(ExitCodes.MODEL_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("yunet_2023_mar_facefusion") && r.err().contains("--trust-unverified")
                && r.err().contains("[MF-207]"), r.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void listSaysWhichReleaseAnInstalledFileIs() throws IOException {
        // A manifest whose model accepts two builds; the installed one is the second.
        Path yunet = SharedFiles.model("face_detection_yunet_2023mar.onnx");
        String sha = org.manyfaces.inference.FileDigests.sha256(yunet);
        String packed = new String(getClass().getResourceAsStream(org.manyfaces.inference.ModelCatalogue.MANIFEST_RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String entry = "\"size\": 232589,\n      \"sha256\": \"" + sha + "\",\n      \"verified\": true,";
        assertTrue(packed.contains(entry), "the packed YuNet entry is in the single-release form");
        String twoBuilds = packed.replace(entry, "\"releases\": [{\"origin\": \"some re-export\", \"size\": 1000, "
                + "\"sha256\": \"" + "0".repeat(64) + "\", \"verified\": true, \"sources\": [\"a\", \"b\"]}, "
                + "{\"origin\": \"OpenCV Zoo original\", \"size\": 232589, \"sha256\": \"" + sha + "\", "
                + "\"verified\": true, \"sources\": [\"opencv/opencv_zoo\", \"ShiqiYu/libfacedetection.train\"]}],");
        Path manifest = Files.writeString(tmp.resolve("manifest.json"), twoBuilds);
        Path dir = Files.createDirectory(tmp.resolve("m"));
        Files.copy(yunet, dir.resolve(yunet.getFileName()));

        CliRun r = CliRun.inProcess("models", "verify", "yunet_2023mar", "--manifest", manifest.toString(), "--models",
                dir.toString());

        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("verified") && r.out().contains("matches the OpenCV Zoo original release"),
                r.out());
        Files.write(dir.resolve(yunet.getFileName()), new byte[232589]);
        CliRun bad = CliRun.inProcess("models", "verify", "yunet_2023mar", "--manifest", manifest.toString(),
                "--models", dir.toString());
        assertEquals(ExitCodes.MODEL_FAILURE, bad.code(), bad.toString());
        assertTrue(bad.out().contains("MISMATCH"), bad.out());
        assertFalse(bad.out().contains("matches the"), bad.out());
    }
}
