package org.manyfaces.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.manyfaces.inference.ModelFileException;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;

/**
 * Picks the face detector model for a detector family ("yunet", "scrfd", "retinaface"): the first
 * detector entry of that family in the manifest whose file is on the model search path, so the small
 * models shipped for testing and the larger FaceFusion ones both work.
 */
final class DetectorModels {
    /** Families the {@code --detector} option accepts, in the order of the Face Swap "Face detector" choice. */
    static final List<String> FAMILIES = List.of("yunet", "scrfd", "retinaface");

    private DetectorModels() {
    }

    /** A detector model found on disk. */
    record Found(ModelSpec spec, Path file) {
    }

    /** The usual score threshold of a family (YuNet and RetinaFace 0.9, SCRFD 0.5; see the model README). */
    static float defaultThreshold(String family) {
        return family.equals("scrfd") ? 0.5f : 0.9f;
    }

    /** The first installed detector of {@code family}; throws naming what was looked for and where. */
    static Found find(String family, ModelManifest manifest, ModelLocator locator) {
        String fam = family.toLowerCase(Locale.ROOT);
        List<ModelSpec> candidates = manifest.ofKind(ModelKind.DETECTOR).stream()
                .filter(m -> fam.equals(m.family()) && (!fam.equals("retinaface") || m.id().startsWith("retinaface")))
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("unknown detector '" + family + "'; use one of " + FAMILIES);
        }
        for (ModelSpec m : candidates) {
            Optional<Path> p = locator.find(m.file());
            if (p.isPresent()) {
                return new Found(m, p.get());
            }
        }
        throw new ModelFileException("no " + family + " detector model is installed (looked for "
                + candidates.stream().map(ModelSpec::file).toList() + " in " + locator.folders()
                + "); run 'manyfaces models fetch " + candidates.get(0).id() + "' or use --models DIR");
    }
}
