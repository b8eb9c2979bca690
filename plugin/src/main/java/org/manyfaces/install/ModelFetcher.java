package org.manyfaces.install;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads model files and installs them only once they are verified.
 *
 * <p>For each model the URLs are tried in order. Bytes go to {@code <file>.part} in the target folder
 * and are hashed as they arrive; an interrupted transfer resumes from the part with an HTTP Range
 * request (206 appends, 200 means the server ignored the range and the file restarts, 416 means the
 * part is already whole or stale). Network failures and 5xx/408/429 answers are retried a bounded number
 * of times with exponential backoff; other 4xx answers, and bytes that fail verification, move on to the
 * next URL. A verified part is renamed into place atomically, so the models folder never holds a
 * half-written or unverified model under its real name.
 */
public final class ModelFetcher {

    /**
     * Network behaviour.
     *
     * @param connectTimeout     TCP/TLS connect limit
     * @param stallTimeout       longest silence allowed: waiting for headers, and between body chunks
     * @param attemptsPerUrl     tries per URL before moving on (at least 1)
     * @param initialBackoff     wait before the second try; doubles each time
     * @param maxBackoff         cap on the wait between tries
     * @param checkRemoteSidecar also fetch FaceFusion's {@code .hash} sidecar beside each URL and check it
     */
    public record Settings(Duration connectTimeout, Duration stallTimeout, int attemptsPerUrl,
                           Duration initialBackoff, Duration maxBackoff, boolean checkRemoteSidecar) {
        public Settings {
            if (connectTimeout.isNegative() || connectTimeout.isZero() || stallTimeout.isNegative()
                    || stallTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (attemptsPerUrl < 1) {
                throw new IllegalArgumentException("attemptsPerUrl must be at least 1, got " + attemptsPerUrl);
            }
            if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative");
            }
        }

        /** Connect 15 s, stall 30 s, 3 tries per URL, backoff 1 s doubling up to 15 s, sidecar check on. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(15), Duration.ofSeconds(30), 3, Duration.ofSeconds(1),
                    Duration.ofSeconds(15), true);
        }
    }

    private static final String USER_AGENT = "ManyFaces-installer/0.1 (+java.net.http)";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final int MAX_SIDECAR_BYTES = 1024;

    private final HttpClient client;
    private final Settings settings;
    private final LicenceGate licenceGate;
    private final DownloadListener listener;

    public ModelFetcher(Settings settings, LicenceGate licenceGate, DownloadListener listener) {
        this.settings = settings;
        this.licenceGate = licenceGate;
        this.listener = listener == null ? DownloadListener.NONE : listener;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Model hosts (Hugging Face, GitHub releases) redirect to CDNs.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Makes sure {@code targetDir/model.fileName()} exists and is verified, downloading it if needed.
     *
     * @return the installed file
     * @throws LicenceNotAcceptedException when the model is non-commercial and the gate refuses it
     * @throws ModelFetchException         when every URL failed (the message lists each failure)
     */
    public Path fetch(ModelDownload model, Path targetDir)
            throws IOException, InterruptedException, LicenceNotAcceptedException {
        Path target = targetDir.resolve(model.fileName());
        if (Files.isRegularFile(target)) {
            try {
                ModelVerifier.verifyFile(model, target);
                // Its licence was dealt with when it was installed; re-running the installer asks nothing.
                listener.onEvent(model.id(), "already installed and verified: " + target);
                return target;
            } catch (ModelVerificationException e) {
                // Keep the old file until a verified replacement is ready; the move below replaces it.
                listener.onEvent(model.id(), "installed file fails verification, downloading again ("
                        + e.getMessage() + ")");
            }
        }
        licenceGate.requireAccepted(model);
        Files.createDirectories(targetDir);
        Path part = targetDir.resolve(model.fileName() + ".part");
        List<String> failures = new ArrayList<>();
        for (URI url : model.urls()) {
            if (tryUrl(model, url, part, failures)) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                listener.onEvent(model.id(), "installed " + target);
                return target;
            }
        }
        throw new ModelFetchException(model.id(), failures);
    }

    /** Up to {@code attemptsPerUrl} tries at one URL; true when the part is complete and verified. */
    private boolean tryUrl(ModelDownload model, URI url, Path part, List<String> failures)
            throws IOException, InterruptedException {
        for (int attempt = 1; attempt <= settings.attemptsPerUrl(); attempt++) {
            if (attempt > 1) {
                Duration wait = backoff(attempt - 1);
                listener.onEvent(model.id(), "retrying " + url + " in " + StallGuardedBody.describe(wait)
                        + " (attempt " + attempt + " of " + settings.attemptsPerUrl() + ")");
                Thread.sleep(wait.toMillis());
            }
            StreamingHashes hashes = new StreamingHashes();
            boolean resumed;
            try {
                resumed = download(model, url, part, hashes);
            } catch (HttpStatusException e) {
                failures.add(url + ": " + e.getMessage());
                if (!e.retryable()) {
                    listener.onEvent(model.id(), e.getMessage() + " from " + url + ", trying the next URL");
                    return false;
                }
                listener.onEvent(model.id(), e.getMessage() + " from " + url);
                continue;
            } catch (ModelVerificationException e) {
                // The server announced or sent the wrong amount of data: it serves another file.
                Files.deleteIfExists(part);
                failures.add(url + ": " + e.getMessage());
                listener.onEvent(model.id(), e.getMessage() + ", trying the next URL");
                return false;
            } catch (IOException e) {
                failures.add(url + ": " + describe(e));
                listener.onEvent(model.id(), describe(e));
                continue;
            }
            try {
                Optional<String> crc = remoteSidecar(model, url);
                ModelVerifier.verify(model, hashes, crc, url.toString());
                return true;
            } catch (ModelVerificationException e) {
                // Never keep bytes that failed verification, not even as a part to resume from.
                Files.deleteIfExists(part);
                failures.add(url + ": " + e.getMessage());
                listener.onEvent(model.id(), e.getMessage() + "; deleted the downloaded file");
                if (!resumed) {
                    return false;
                }
                // The bad bytes may come from a stale part of another version: one clean retry.
                listener.onEvent(model.id(), "the resumed download may have mixed versions; restarting from zero");
            } catch (IOException e) {
                failures.add(url + ": could not read its .hash sidecar: " + describe(e));
                listener.onEvent(model.id(), "could not read the .hash sidecar for " + url + ": " + describe(e));
            }
        }
        return false;
    }

    private Duration backoff(int retry) {
        long ms = settings.initialBackoff().toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(ms, settings.maxBackoff().toMillis()));
    }

    /**
     * One HTTP transfer into {@code part}, resuming when a part exists. On return the part is complete
     * (its length matches what the server announced) and {@code hashes} covers all of it.
     *
     * @return true when earlier bytes from the part were kept (the transfer resumed)
     */
    private boolean download(ModelDownload model, URI url, Path part, StreamingHashes hashes)
            throws IOException, InterruptedException {
        OptionalLong expected = model.expectedSize();
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (expected.isPresent() && have > expected.getAsLong()) {
            Files.delete(part);
            have = 0;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.stallTimeout())
                .header("User-Agent", USER_AGENT)
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request.build(), url);
        int status = response.statusCode();
        long total;
        boolean append;
        if (status == 206) {
            String contentRange = response.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(contentRange);
            if (!m.find() || Long.parseLong(m.group(1)) != have) {
                StallGuardedBody.discard(response.body());
                Files.deleteIfExists(part);
                throw new IOException("server answered the range request for byte " + have
                        + " with Content-Range '" + contentRange + "'; restarting from zero");
            }
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            // A 206 for byte 0 (some servers answer every request with ranges) is simply a full transfer.
            append = have > 0;
            if (append) {
                listener.onEvent(model.id(), "resuming at byte " + have + " from " + url);
            }
        } else if (status == 200) {
            total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (have > 0) {
                listener.onEvent(model.id(), "server ignored the range request; restarting from zero");
            }
            append = false;
        } else if (status == 416 && have > 0) {
            StallGuardedBody.discard(response.body());
            Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            long serverSize = m.find() ? Long.parseLong(m.group(1)) : expected.orElse(-1);
            if (serverSize == have) {
                // The part already holds every byte (an earlier run stopped between download and rename).
                hashes.updateFrom(part);
                return true;
            }
            Files.deleteIfExists(part);
            throw new IOException("server cannot serve from byte " + have + " (HTTP 416, size "
                    + serverSize + "); discarded the partial file");
        } else {
            StallGuardedBody.discard(response.body());
            throw new HttpStatusException(status);
        }
        if (expected.isPresent() && total >= 0 && total != expected.getAsLong()) {
            StallGuardedBody.discard(response.body());
            throw new ModelVerificationException(model.id() + ": " + url.getHost() + " announces " + total
                    + " bytes, the manifest expects " + expected.getAsLong());
        }
        if (total < 0) {
            total = expected.orElse(-1);
        }
        if (append) {
            hashes.updateFrom(part);
        }
        receive(model, url, response.body(), part, append, total, hashes);
        return append;
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpRequest request, URI url)
            throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            throw new HttpConnectTimeoutException("could not connect to " + url.getHost() + " within "
                    + StallGuardedBody.describe(settings.connectTimeout()));
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException("stalled: no response from " + url.getHost() + " within "
                    + StallGuardedBody.describe(settings.stallTimeout()));
        }
    }

    /** Streams the body into the part, hashing and reporting progress as chunks arrive. */
    private void receive(ModelDownload model, URI url, Flow.Publisher<List<ByteBuffer>> body, Path part,
                         boolean append, long total, StreamingHashes hashes) throws IOException, InterruptedException {
        StallGuardedBody reader = StallGuardedBody.subscribe(body, settings.stallTimeout());
        long startBytes = hashes.length();
        long started = System.nanoTime();
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            listener.onProgress(new DownloadProgress(model.id(), hashes.length(), total, 0));
            for (List<ByteBuffer> chunk; (chunk = reader.next(url.getHost() + " after " + hashes.length()
                    + (total >= 0 ? " of " + total : "") + " bytes")) != null; ) {
                for (ByteBuffer b : chunk) {
                    hashes.update(b);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
                if (total >= 0 && hashes.length() > total) {
                    reader.cancel();
                    throw new ModelVerificationException(model.id() + ": " + url.getHost() + " sent more than "
                            + total + " bytes");
                }
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                listener.onProgress(new DownloadProgress(model.id(), hashes.length(), total,
                        (hashes.length() - startBytes) / seconds));
            }
            out.force(false);
        } catch (IOException | InterruptedException | RuntimeException e) {
            reader.cancel();
            throw e;
        }
        if (total >= 0 && hashes.length() != total) {
            throw new IOException("transfer from " + url.getHost() + " ended early at " + hashes.length() + " of "
                    + total + " bytes (kept for resuming)");
        }
    }

    /**
     * The sidecar CRC32 to check, if any. With a SHA-256 in the manifest the sidecar is only a second
     * opinion, so failing to read it is reported and ignored; without one it is the only proof, so a
     * failure to read it fails the attempt.
     */
    private Optional<String> remoteSidecar(ModelDownload model, URI url) throws IOException, InterruptedException {
        if (model.sha256() != null && !settings.checkRemoteSidecar()) {
            return Optional.empty();
        }
        try {
            return fetchSidecar(model, url);
        } catch (IOException e) {
            if (model.sha256() == null) {
                throw e;
            }
            listener.onEvent(model.id(), "ignoring the .hash sidecar beside " + url + " (" + describe(e)
                    + "); SHA-256 decides");
            return Optional.empty();
        }
    }

    /** The CRC32 from FaceFusion's {@code .hash} beside the URL; empty when the server has none. */
    private Optional<String> fetchSidecar(ModelDownload model, URI fileUrl) throws IOException, InterruptedException {
        String path = fileUrl.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return Optional.empty();
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        URI sidecarUrl = fileUrl.resolve(HashSidecar.sidecarName(last));
        HttpRequest request = HttpRequest.newBuilder(sidecarUrl).timeout(settings.stallTimeout())
                .header("User-Agent", USER_AGENT).GET().build();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request, sidecarUrl);
        if (response.statusCode() != 200) {
            StallGuardedBody.discard(response.body());
            return Optional.empty();
        }
        StallGuardedBody reader = StallGuardedBody.subscribe(response.body(), settings.stallTimeout());
        StringBuilder text = new StringBuilder();
        for (List<ByteBuffer> chunk; (chunk = reader.next(sidecarUrl.getHost())) != null; ) {
            for (ByteBuffer b : chunk) {
                text.append(StandardCharsets.US_ASCII.decode(b));
            }
            if (text.length() > MAX_SIDECAR_BYTES) {
                reader.cancel();
                // Not a sidecar (an HTML error page served with 200, say): ignore it.
                return Optional.empty();
            }
        }
        String crc = HashSidecar.parse(text.toString(), sidecarUrl.toString());
        listener.onEvent(model.id(), "found .hash sidecar " + sidecarUrl + " (CRC32 " + crc + ")");
        return Optional.of(crc);
    }

    private static String describe(IOException e) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return msg;
    }

    /** An HTTP answer other than 200/206; 408, 429 and 5xx are worth retrying at the same URL. */
    private static final class HttpStatusException extends IOException {
        private final int status;

        HttpStatusException(int status) {
            super("HTTP " + status + " " + reason(status));
            this.status = status;
        }

        boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }

        private static String reason(int status) {
            return switch (status) {
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 408 -> "Request Timeout";
                case 410 -> "Gone";
                case 416 -> "Range Not Satisfiable";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> status >= 500 ? "server error" : "client error";
            };
        }
    }
}
