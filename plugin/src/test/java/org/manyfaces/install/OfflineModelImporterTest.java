package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline install: files are found by content, never trusted by name. */
class OfflineModelImporterTest {
    @TempDir
    Path source;
    @TempDir
    Path target;

    private static OfflineModelImporter importer(OfflineModelImporter.LinkMode mode) {
        return new OfflineModelImporter(LicenceGate.refusingRestricted(), mode, DownloadListener.NONE);
    }

    @Test
    void findsRenamedFilesByHashAndIgnoresSameNamedImpostors() throws Exception {
        byte[] swapper = TestBytes.random(64_000, 1);
        byte[] detector = TestBytes.random(32_000, 2);
        Files.createDirectories(source.resolve("nested/deeper"));
        Files.write(source.resolve("nested/deeper/my swapper copy.bin"), swapper);
        // Same name and same size as the detector, different bytes (another version): must not be taken.
        Files.write(source.resolve("detector.onnx"), TestBytes.random(32_000, 3));
        Files.write(source.resolve("nested/renamed-detector"), detector);
        ModelDownload swapModel = TestBytes.model("swap", "swapper.onnx", swapper);
        ModelDownload detectModel = TestBytes.model("det", "detector.onnx", detector);

        OfflineModelImporter.Report report = importer(OfflineModelImporter.LinkMode.COPY)
                .installFromFolder(source, List.of(swapModel, detectModel), target);

        assertTrue(report.missing().isEmpty(), report.missing().toString());
        assertArrayEquals(swapper, Files.readAllBytes(target.resolve("swapper.onnx")));
        assertArrayEquals(detector, Files.readAllBytes(target.resolve("detector.onnx")));
        assertEquals(source.resolve("nested/renamed-detector"), report.imported().get(1).source());
        assertEquals("copied", report.imported().get(0).how());
        assertFalse(Files.isSymbolicLink(target.resolve("swapper.onnx")));
    }

    @Test
    void reportsWhatIsMissingWithTheHashItLookedFor() throws Exception {
        byte[] wanted = TestBytes.random(1_000, 4);
        Files.write(source.resolve("unrelated.onnx"), TestBytes.random(1_000, 5));
        ModelDownload model = TestBytes.model("m", "m.onnx", wanted);

        OfflineModelImporter.Report report = importer(OfflineModelImporter.LinkMode.AUTO)
                .installFromFolder(source, List.of(model), target);

        assertTrue(report.imported().isEmpty());
        assertEquals(1, report.missing().size());
        assertTrue(report.missing().get(0).reason().contains(TestBytes.sha256(wanted)), report.missing().get(0).reason());
        assertFalse(Files.exists(target.resolve("m.onnx")));
    }

    @Test
    void hardLinksShareTheSourceFile() throws Exception {
        byte[] data = TestBytes.random(5_000, 6);
        Files.write(source.resolve("x"), data);
        Path sameFsTarget = source.resolve("models");
        ModelDownload model = TestBytes.model("m", "m.onnx", data);

        OfflineModelImporter.Report report = importer(OfflineModelImporter.LinkMode.HARDLINK)
                .installFromFolder(source, List.of(model), sameFsTarget);

        assertEquals("hard-linked", report.imported().get(0).how());
        assertTrue(Files.isSameFile(source.resolve("x"), sameFsTarget.resolve("m.onnx")));
        assertFalse(Files.isSymbolicLink(sameFsTarget.resolve("m.onnx")));
    }

    @Test
    void symlinksPointAtTheSourceFile() throws Exception {
        byte[] data = TestBytes.random(5_000, 7);
        Files.write(source.resolve("x"), data);
        ModelDownload model = TestBytes.model("m", "m.onnx", data);

        Path models = source.resolve("models"); // inside the same temp folder, so cleanup stays inside it
        importer(OfflineModelImporter.LinkMode.SYMLINK).installFromFolder(source, List.of(model), models);

        Path installed = models.resolve("m.onnx");
        assertTrue(Files.isSymbolicLink(installed));
        assertEquals(source.resolve("x").toAbsolutePath(), Files.readSymbolicLink(installed));
    }

    @Test
    void aFaceFusionFolderWithHashSidecarsServesModelsWithoutSha256() throws Exception {
        byte[] data = TestBytes.random(9_000, 8);
        Path assets = Files.createDirectories(source.resolve(".assets/models"));
        Files.write(assets.resolve("yoloface_8n.onnx"), data);
        Files.writeString(assets.resolve("yoloface_8n.hash"), TestBytes.crc32(data), StandardCharsets.US_ASCII);
        ModelDownload model = new ModelDownload("yolo", "yoloface_8n.onnx", OptionalLong.empty(), null,
                List.of(URI.create("https://example.invalid/yoloface_8n.onnx")), "GPL-3.0", false);

        OfflineModelImporter.Report report = importer(OfflineModelImporter.LinkMode.COPY)
                .installFromFolder(source, List.of(model), target);

        assertTrue(report.missing().isEmpty(), report.missing().toString());
        assertArrayEquals(data, Files.readAllBytes(target.resolve("yoloface_8n.onnx")));
    }

    @Test
    void aFaceFusionFileWhoseSidecarDisagreesIsNotImported() throws Exception {
        byte[] data = TestBytes.random(9_000, 9);
        Files.write(source.resolve("face.onnx"), data);
        Files.writeString(source.resolve("face.hash"), TestBytes.crc32(TestBytes.random(9_000, 10)));
        ModelDownload model = new ModelDownload("face", "face.onnx", OptionalLong.empty(), null, List.of(),
                "MIT", false);

        OfflineModelImporter.Report report = importer(OfflineModelImporter.LinkMode.COPY)
                .installFromFolder(source, List.of(model), target);

        assertEquals(1, report.missing().size());
        assertFalse(Files.exists(target.resolve("face.onnx")));
    }

    @Test
    void nonCommercialModelsAreSkippedWithoutAcceptance() throws Exception {
        byte[] data = TestBytes.random(2_000, 11);
        Files.write(source.resolve("nc.onnx"), data);
        ModelDownload model = new ModelDownload("nc", "nc.onnx", data.length, TestBytes.sha256(data), List.of(),
                "Non-Commercial", true);

        OfflineModelImporter.Report refused = importer(OfflineModelImporter.LinkMode.COPY)
                .installFromFolder(source, List.of(model), target);
        assertTrue(refused.missing().get(0).reason().contains("non-commercial"), refused.missing().get(0).reason());
        assertFalse(Files.exists(target.resolve("nc.onnx")));

        OfflineModelImporter.Report accepted = new OfflineModelImporter(LicenceGate.acceptingAll(),
                OfflineModelImporter.LinkMode.COPY, DownloadListener.NONE)
                .installFromFolder(source, List.of(model), target);
        assertTrue(accepted.missing().isEmpty());
        assertArrayEquals(data, Files.readAllBytes(target.resolve("nc.onnx")));
    }

    @Test
    void aMissingSourceFolderIsAClearError() {
        Path nowhere = source.resolve("does-not-exist");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> importer(OfflineModelImporter.LinkMode.COPY).installFromFolder(nowhere, List.of(), target));
        assertTrue(e.getMessage().contains(nowhere.toString()));
    }
}
