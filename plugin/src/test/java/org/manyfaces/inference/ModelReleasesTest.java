package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest entries with several accepted files ("releases"), and verification of a file against them. */
class ModelReleasesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** One detector entry; {@code files} is the JSON of its size/sha256/verified or releases fields. */
    private static String manifest(String files) {
        return """
                {"schemaVersion": 1, "models": [
                 {"id": "det", "kind": "detector", "family": "yunet", "file": "det.onnx", %s,
                  "urls": ["https://example.org/det.onnx"],
                  "licence": {"id": "MIT", "name": "MIT", "commercialUse": true, "url": "https://example.org/l"},
                  "inputs": [{"name": "input", "type": "float", "shape": [1, 3, 8, 8]}],
                  "outputs": [{"name": "o", "type": "float", "shape": [1, 4]}],
                  "colourOrder": "BGR", "normalisation": {"mean": [0], "std": [1]}}
                ]}""".formatted(files);
    }

    private static String release(String origin, byte[] data, boolean verified, String... sources) throws Exception {
        return "{\"origin\": \"" + origin + "\", \"size\": " + data.length + ", \"sha256\": \"" + sha(data)
                + "\", \"verified\": " + verified + ", \"sources\": [" + String.join(", ",
                java.util.Arrays.stream(sources).map(s -> "\"" + s + "\"").toList()) + "]}";
    }

    @Test
    void bothFormsParseAndTheSingleFormIsOneRelease() throws Exception {
        byte[] a = bytes(300, 1);
        ModelSpec single = ModelManifest.parse(manifest("\"size\": 300, \"sha256\": \"" + sha(a)
                + "\", \"verified\": true")).require("det");
        assertEquals(1, single.accepted().size());
        assertEquals("manifest", single.accepted().get(0).origin());
        assertEquals(List.of(sha(a)), single.acceptedHashes());
        assertTrue(single.hasConfirmedHash());

        byte[] b = bytes(400, 2);
        ModelSpec two = ModelManifest.parse(manifest("\"releases\": [" + release("FaceFusion re-export", a, true,
                "x/y a.py", "z/w b.md") + ", " + release("upstream original", b, false, "q/r c.txt") + "]"))
                .require("det");
        assertEquals(List.of("FaceFusion re-export", "upstream original"),
                two.accepted().stream().map(ModelSpec.Release::origin).toList());
        assertEquals(List.of(sha(a), sha(b)), two.acceptedHashes());
        assertEquals(sha(a), two.primarySha256());
        assertNull(two.soleSha256(), "two builds: a preset cannot name one");
        assertNull(two.sha256());
        assertFalse(two.isVerified(), "no file was checked here");
        assertTrue(two.hasConfirmedHash());
        assertEquals(List.of("x/y a.py", "z/w b.md"), two.accepted().get(0).sources());

        ModelSpec none = ModelManifest.parse(manifest("\"size\": null, \"sha256\": null, \"verified\": false"))
                .require("det");
        assertEquals(List.of(), none.accepted());
        assertFalse(none.hasConfirmedHash());
    }

    @Test
    void aReleaseIsVerifiedOnlyWithTwoSourcesAndOwnsItsSizeAndHash() throws Exception {
        byte[] a = bytes(300, 3);
        String oneSource = manifest("\"releases\": [" + release("FaceFusion", a, true, "only/one file.py") + "]");
        String msg = assertThrows(InferenceException.class, () -> ModelManifest.parse(oneSource)).getMessage();
        assertTrue(msg.contains("verified needs at least two independent sources") && msg.contains("found 1"), msg);

        String sameSourceTwice = manifest("\"releases\": [" + release("FaceFusion", a, true, "a/b c", "a/b c") + "]");
        assertTrue(assertThrows(InferenceException.class, () -> ModelManifest.parse(sameSourceTwice)).getMessage()
                .contains("found 1"));

        String both = manifest("\"sha256\": \"" + sha(a) + "\", \"releases\": [" + release("FaceFusion", a, false,
                "a/b c") + "]");
        assertTrue(assertThrows(InferenceException.class, () -> ModelManifest.parse(both)).getMessage()
                .contains("belong to each release"));

        String bad = manifest("\"releases\": [{\"origin\": \"\", \"size\": 0, \"sha256\": null, \"verified\": null},"
                + release("x", a, false, "s/t u") + ", " + release("y", a, false, "v/w z") + "]");
        String all = assertThrows(InferenceException.class, () -> ModelManifest.parse(bad)).getMessage();
        for (String expected : List.of("releases[0]: origin missing", "releases[0]: size must be positive",
                "releases[0]: sha256 must be 64", "releases[0]: no sources", "releases[0]: 'verified' must be",
                "releases[2]: sha256 " + sha(a) + " is listed twice")) {
            assertTrue(all.contains(expected), "missing '" + expected + "' in: " + all);
        }
    }

    @Test
    void verificationAcceptsEachReleaseNamesItAndRejectsAThirdFile() throws Exception {
        byte[] reexport = bytes(500, 4);
        byte[] original = bytes(450, 5);
        ModelSpec spec = ModelManifest.parse(manifest("\"releases\": [" + release("FaceFusion re-export", reexport,
                true, "a/b c", "d/e f") + ", " + release("upstream original", original, false, "g/h i") + "]"))
                .require("det");

        Path f = dir.resolve("det.onnx");
        Files.write(f, reexport);
        ModelLocator.Verification v = ModelLocator.verify(f, spec);
        assertTrue(v.ok() && v.checkedHash() && v.confirmed(), v.message());
        assertEquals("FaceFusion re-export", v.release().origin());
        assertTrue(v.message().contains("FaceFusion re-export release"), v.message());

        Files.write(f, original);
        v = ModelLocator.verify(f, spec);
        assertTrue(v.ok() && v.checkedHash(), v.message());
        assertFalse(v.confirmed(), "its hash has one source");
        assertEquals("upstream original", v.release().origin());
        assertTrue(v.message().contains("only one public source"), v.message());

        // Same size as the original, other content: a mismatch that lists both accepted hashes.
        byte[] third = bytes(450, 6);
        Files.write(f, third);
        // Digests are cached by path, size and modification time: a file replaced within the same clock tick by
        // one of the same size would look unchanged, so give the replacement its own time, as a download has.
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(f).toMillis() + 10_000));
        v = ModelLocator.verify(f, spec);
        assertFalse(v.ok());
        assertNull(v.release());
        assertTrue(v.message().contains(sha(third)) && v.message().contains(sha(reexport) + " (FaceFusion re-export)")
                && v.message().contains(sha(original) + " (upstream original)"), v.message());
        assertThrows(ModelFileException.class, () -> new ModelLocator(List.of(dir)).locate(spec, true));

        // A size no release has is refused before hashing, naming both sizes.
        Files.write(f, bytes(10, 7));
        v = ModelLocator.verify(f, spec);
        assertFalse(v.ok());
        assertTrue(v.message().contains("500 (FaceFusion re-export) or 450 (upstream original)"), v.message());

        ModelCatalogue catalogue = new ModelCatalogue(ModelManifest.parse(manifest("\"releases\": ["
                + release("FaceFusion re-export", reexport, true, "a/b c", "d/e f") + ", "
                + release("upstream original", original, false, "g/h i") + "]")), "test", List.of(dir));
        assertEquals("det", catalogue.bySha256(sha(original)).orElseThrow().id(), "either build identifies the model");
    }

    @Test
    void thePackedManifestAcceptsBothBuildsWhereTheyDifferAndKeepsOneSourceHashesUnverified() {
        ModelManifest m = ModelManifest.load(ModelManifestTest.manifestFile());
        ModelSpec inswapper = m.require("inswapper_128");
        assertEquals(List.of(555303150L, 554253681L), inswapper.accepted().stream().map(ModelSpec.Release::size).toList());
        assertTrue(inswapper.accepted().stream().allMatch(ModelSpec.Release::isVerified));
        ModelSpec retina = m.require("retinaface_10g");
        assertFalse(retina.accepted().get(0).isVerified(), "FaceFusion's retinaface_10g hash has one source");
        assertEquals(1, retina.accepted().get(0).sources().size());
        // The URLs serve FaceFusion's file, so the hint for a missing retinaface_10g names the trust flag.
        assertTrue(retina.hasConfirmedHash() && !retina.primaryConfirmed(), "det_10g's hash is confirmed, not FaceFusion's");
        assertTrue(ModelCatalogue.installHint(retina).contains("--trust-unverified"), ModelCatalogue.installHint(retina));
        assertFalse(ModelCatalogue.installHint(inswapper).contains("--trust-unverified"), ModelCatalogue.installHint(inswapper));
        for (ModelSpec s : m.models()) {
            for (ModelSpec.Release r : s.accepted().stream().filter(r -> r.sha256() != null).toList()) {
                // Every stated hash names where it comes from, unless it was checked here against the real file.
                assertTrue(s.isVerified() || !r.sources().isEmpty(), s.id() + " " + r.origin());
                assertEquals(r.isVerified(), r.sources().stream().distinct().count() >= 2 || s.isVerified(),
                        s.id() + " " + r.origin() + ": verified exactly when two sources agree");
            }
        }
    }
}
