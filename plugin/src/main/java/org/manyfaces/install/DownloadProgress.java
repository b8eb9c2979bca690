package org.manyfaces.install;

/**
 * A progress sample for one model file.
 *
 * @param modelId        the model being fetched or copied
 * @param bytes          bytes present so far, including a resumed part
 * @param total          the full size in bytes, or -1 when neither the server nor the manifest says
 * @param bytesPerSecond transfer rate of the current attempt (resumed bytes not counted)
 */
public record DownloadProgress(String modelId, long bytes, long total, double bytesPerSecond) {

    /** True once every byte is present (never true when the total is unknown). */
    public boolean complete() {
        return total >= 0 && bytes >= total;
    }
}
