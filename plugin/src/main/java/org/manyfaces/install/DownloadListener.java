package org.manyfaces.install;

/** Receives transfer progress and notable events (resume, retry, next URL) from the installers. */
public interface DownloadListener {

    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
        @Override
        public void onProgress(DownloadProgress progress) {
        }
    };

    void onProgress(DownloadProgress progress);

    /** A one-line human-readable event for a model, e.g. "HTTP 404 from ..., trying the next URL". */
    default void onEvent(String modelId, String message) {
    }
}
