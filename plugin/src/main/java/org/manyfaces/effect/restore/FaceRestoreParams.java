package org.manyfaces.effect.restore;

import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.common.ExecutionProvider;
import org.manyfaces.effect.common.FaceFindingRows;
import org.manyfaces.effect.common.MaskParams;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.inference.ProviderChoice;

/** Every Face Restore parameter read at one time. */
public record FaceRestoreParams(RestoreRows.Settings restore, FaceFindingRows.Settings finding, MaskParams masks,
                                ProviderChoice provider, String modelsFolder, DisclosureParams disclosure) {
    public static FaceRestoreParams read(HostParams p, double time) {
        return new FaceRestoreParams(RestoreRows.Settings.read(p, time), FaceFindingRows.Settings.read(p, time),
                MaskParams.read(p, time), ExecutionProvider.of(p.getChoice(EngineRows.EXECUTION_PROVIDER, time)),
                p.getString(EngineRows.MODELS_FOLDER, time), DisclosureParams.read(p, time));
    }
}
