package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.ModelSearchPath;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Every entry point resolves the same model file for the same settings: Face Swap and Image Translate (through
 * {@code render}'s provenance record, which names the files the effects ran), {@code detect}, {@code models
 * list} and {@code preset show}, each run as its own process the way a user runs it, with the same
 * {@code --models}, {@code MANYFACES_MODELS} and installed folder. The same file names lie in several folders,
 * so only one search order gives the expected answers.
 */
class ModelCatalogueEntryPointsTest {
    private static final String YUNET = "yunet_s_dynamic.onnx";
    private static final String YUNET_FIXED = "face_detection_yunet_2023mar.onnx";
    private static final String ESPCN = "superres_espcn_x3_y.onnx";
    private static final String ESPCN_SHA256 = "b91637384a6de5aed124b7ff00f82f87dfc4ee61c40746fbf51e2ab977c6b8dc";

    @TempDir
    Path tmp;

    private Path folder(String name, String... models) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String m : models) {
            Files.copy(SharedFiles.model(m), dir.resolve(m));
        }
        return dir;
    }

    @Test
    void faceSwapImageTranslateDetectModelsListAndPresetShowResolveTheSameFiles() throws Exception {
        // --models: the preferred YuNet. MANYFACES_MODELS: both YuNets and ESPCN. Installed: YuNet and ESPCN.
        Path given = folder("given", YUNET);
        Path fromEnv = folder("env", YUNET, YUNET_FIXED, ESPCN);
        Path xdg = tmp.resolve("xdg");
        Path installed = folder("xdg/ManyFaces/models", YUNET, ESPCN);
        Map<String, String> env = Map.of(ModelSearchPath.ENV_MODELS, fromEnv.toString(), "XDG_DATA_HOME", xdg.toString(),
                ModelOptions.ENV_MANIFEST, "");
        // YuNet's best model (the dynamic one, DetectorPreference) from the first folder that has it; ESPCN from
        // MANYFACES_MODELS, which comes before the installed folder.
        Path yunet = given.resolve(YUNET);
        Path espcn = fromEnv.resolve(ESPCN);

        Path photo = SharedFiles.media("grace_hopper.jpg");
        CliRun swap = run(env, "render", "-e", "faceswap", "-i", photo.toString(), "-o", tmp.resolve("fs.png").toString(),
                "--set", "sourceFaces=" + SharedFiles.media("obama_official_portrait_2012.jpg"), "--models", given.toString());
        assertEquals(ExitCodes.OK, swap.code(), swap.toString());
        assertTrue(modelFiles(tmp.resolve("fs.png.manyfaces.json")).contains(yunet.toString()),
                "Face Swap ran " + modelFiles(tmp.resolve("fs.png.manyfaces.json")));

        CliRun translate = run(env, "render", "-e", "translate", "-i", photo.toString(), "-o",
                tmp.resolve("tr.png").toString(), "--set", "model=superres_espcn_x3_y", "--models", given.toString());
        assertEquals(ExitCodes.OK, translate.code(), translate.toString());
        assertEquals(List.of(espcn.toString()), modelFiles(tmp.resolve("tr.png.manyfaces.json")));

        CliRun detect = run(env, "detect", photo.toString(), "--models", given.toString());
        assertEquals(ExitCodes.OK, detect.code(), detect.toString());
        assertEquals(yunet.toString(), JsonParser.parseString(detect.out()).getAsJsonObject().get("modelFile").getAsString());

        CliRun list = run(env, "models", "list", "--models", given.toString());
        assertEquals(ExitCodes.OK, list.code(), list.toString());
        assertTrue(list.out().contains("Searched:  " + given + ", " + fromEnv + ", " + installed), list.out());
        assertTrue(row(list.out(), "yunet_s_dynamic").endsWith(yunet.toString()), list.out());
        assertTrue(row(list.out(), "superres_espcn_x3_y").endsWith(espcn.toString()), list.out());

        Path preset = Files.writeString(tmp.resolve("up.json"), "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,"
                + "\"effect\":\"org.manyfaces.ImageTranslate\",\"params\":{\"modelFile\":{\"model\":"
                + "{\"id\":\"superres_espcn_x3_y\",\"sha256\":\"" + ESPCN_SHA256 + "\"}}}}");
        CliRun show = run(env, "preset", "show", preset.toString(), "--models", given.toString());
        assertEquals(ExitCodes.OK, show.code(), show.toString());
        assertTrue(show.out().contains("modelFile = " + espcn), show.out());
    }

    @Test
    void afterTheQuickStartDetectAndModelsFindTheInstalledModels() throws Exception {
        // What the quick start installs (--only yunet_s_dynamic,yunet_2023mar) into the user's models folder;
        // no MANYFACES_MODELS, no --models.
        Path xdg = tmp.resolve("xdg");
        Path installed = folder("xdg/ManyFaces/models", YUNET, YUNET_FIXED);
        Map<String, String> env = Map.of(ModelSearchPath.ENV_MODELS, "", "XDG_DATA_HOME", xdg.toString(),
                ModelOptions.ENV_MANIFEST, "");
        CliRun detect = run(env, "detect", SharedFiles.media("grace_hopper.jpg").toString());
        assertEquals(ExitCodes.OK, detect.code(), detect.toString());
        assertEquals(installed.resolve(YUNET).toString(),
                JsonParser.parseString(detect.out()).getAsJsonObject().get("modelFile").getAsString());
        CliRun list = run(env, "models", "list");
        int listed = org.manyfaces.inference.ModelCatalogue.packedManifest().models().size();
        assertTrue(list.out().contains("2 of " + listed + " model(s) installed"), list.out());
        // As root the installer puts them in the system folder, which is searched right after the user's.
        assertTrue(list.out().contains(installed + ", " + ModelSearchPath.SYSTEM_FOLDER_LINUX), list.out());
        CliRun verify = run(env, "models", "verify", "yunet_s_dynamic", "yunet_2023mar");
        assertEquals(ExitCodes.OK, verify.code(), verify.toString());
    }

    @Test
    void modelsInstallHonoursModelsGivenBeforeOrAfterTheSubcommand() throws Exception {
        Path from = folder("from", YUNET);
        Path before = tmp.resolve("before");
        CliRun r = CliRun.inProcess("models", "--models", before.toString(), "install", "--from", from.toString(),
                "yunet_s_dynamic");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(Files.isRegularFile(before.resolve(YUNET)), r.toString());
        Path after = tmp.resolve("after");
        r = CliRun.inProcess("models", "install", "--from", from.toString(), "yunet_s_dynamic", "--models", after.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(Files.isRegularFile(after.resolve(YUNET)), r.toString());
    }

    private CliRun run(Map<String, String> env, String... args) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("run-" + args[0] + "-" + System.nanoTime()));
        return CliRun.process(env, work, args);
    }

    /** The paths of the model files a provenance record says the render ran. */
    private static List<String> modelFiles(Path sidecar) throws Exception {
        JsonObject doc = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject();
        List<String> out = new ArrayList<>();
        for (JsonElement f : doc.getAsJsonObject("render").getAsJsonArray("files")) {
            String path = f.getAsJsonObject().get("path").getAsString();
            if (path.endsWith(".onnx")) {
                out.add(path);
            }
        }
        return out;
    }

    private static String row(String listing, String id) {
        return listing.lines().filter(l -> l.startsWith(id + " ")).findFirst().orElse("").strip();
    }
}
