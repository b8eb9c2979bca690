package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/** Downloads against a real HTTP server on 127.0.0.1; every behaviour is observed from the server side too. */
class ModelFetcherTest {
    private static final ModelFetcher.Settings FAST = new ModelFetcher.Settings(Duration.ofSeconds(2),
            Duration.ofMillis(500), 3, Duration.ofMillis(10), Duration.ofMillis(50), true);

    @TempDir
    Path dir;
    private LocalModelServer server;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
    private final DownloadListener recorder = new DownloadListener() {
        @Override
        public void onProgress(DownloadProgress p) {
            progress.add(p);
        }

        @Override
        public void onEvent(String modelId, String message) {
            events.add(message);
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = new LocalModelServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelFetcher fetcher(ModelFetcher.Settings settings) {
        return new ModelFetcher(settings, LicenceGate.refusingRestricted(), recorder);
    }

    @Test
    void downloadsAndVerifiesAGoodFile() throws Exception {
        byte[] data = TestBytes.random(300_000, 1);
        server.serve("/m/good.onnx", data);
        ModelDownload model = TestBytes.model("good", "good.onnx", data, server.uri("/m/good.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertEquals(dir.resolve("good.onnx"), installed);
        assertArrayEquals(data, Files.readAllBytes(installed));
        assertFalse(Files.exists(dir.resolve("good.onnx.part")), "no part file may be left behind");
        DownloadProgress last = progress.get(progress.size() - 1);
        assertEquals(data.length, last.bytes());
        assertEquals(data.length, last.total());
        assertTrue(last.complete());
    }

    @Test
    void aRealModelPassesAgainstItsPublishedSha256() throws Exception {
        // Known answer from the shared models README (the hash opencv_zoo publishes for this file).
        byte[] yunet = Files.readAllBytes(SharedFiles.model("face_detection_yunet_2023mar.onnx"));
        server.serve("/zoo/face_detection_yunet_2023mar.onnx", yunet);
        ModelDownload model = new ModelDownload("yunet", "face_detection_yunet_2023mar.onnx", 232589,
                "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4",
                List.of(server.uri("/zoo/face_detection_yunet_2023mar.onnx")), "MIT", false);

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(yunet, Files.readAllBytes(installed));
    }

    @Test
    void resumesATruncatedTransferWithARangeRequest() throws Exception {
        byte[] data = TestBytes.random(400_000, 2);
        int cut = 150_000;
        AtomicInteger calls = new AtomicInteger();
        server.handle("/m/big.onnx", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            if (calls.getAndIncrement() == 0) {
                // Announce the whole file, send part of it, then drop the connection.
                ex.sendResponseHeaders(200, data.length);
                OutputStream out = ex.getResponseBody();
                out.write(data, 0, cut);
                out.flush();
                throw new java.io.IOException("test server drops the connection");
            }
            int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            LocalModelServer.send(ex, 206, data, from, data.length - from);
        });
        ModelDownload model = TestBytes.model("big", "big.onnx", data, server.uri("/m/big.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        List<LocalModelServer.Request> requests = server.requests("/m/big.onnx");
        assertEquals(2, requests.size(), "one truncated transfer, one resumed transfer");
        assertNull(requests.get(0).range());
        assertEquals("bytes=" + cut + "-", requests.get(1).range(), "the second request resumes where the first stopped");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("resuming at byte " + cut)), events.toString());
    }

    @Test
    void restartsWhenTheServerIgnoresTheRange() throws Exception {
        byte[] data = TestBytes.random(100_000, 3);
        server.serve("/m/r.onnx", data);
        Files.write(dir.resolve("r.onnx.part"), TestBytes.random(40_000, 99)); // stale garbage
        ModelDownload model = TestBytes.model("r", "r.onnx", data, server.uri("/m/r.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        assertEquals("bytes=40000-", server.requests("/m/r.onnx").get(0).range());
        assertTrue(events.contains("server ignored the range request; restarting from zero"), events.toString());
    }

    @Test
    void a416ForACompletePartInstallsItWithoutDownloadingAgain() throws Exception {
        byte[] data = TestBytes.random(50_000, 4);
        Files.write(dir.resolve("done.onnx.part"), data);
        server.handle("/m/done.onnx", ex -> {
            ex.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
            ex.sendResponseHeaders(416, -1);
        });
        ModelDownload model = TestBytes.model("done", "done.onnx", data, server.uri("/m/done.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        assertEquals(1, server.requests("/m/done.onnx").size());
    }

    @Test
    void a416ForAStalePartDiscardsItAndDownloadsAfresh() throws Exception {
        byte[] data = TestBytes.random(50_000, 5);
        Files.write(dir.resolve("s.onnx.part"), TestBytes.random(60_000, 6)); // bigger than the server's file
        server.handle("/m/s.onnx", ex -> {
            if (ex.getRequestHeaders().getFirst("Range") != null) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
                ex.sendResponseHeaders(416, -1);
            } else {
                LocalModelServer.send(ex, 200, data, 0, data.length);
            }
        });
        // No size in the manifest, so only the server's 416 reveals that the part is stale.
        ModelDownload model = new ModelDownload("s", "s.onnx", OptionalLong.empty(), TestBytes.sha256(data),
                List.of(server.uri("/m/s.onnx")), "MIT", false);

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        List<LocalModelServer.Request> requests = server.requests("/m/s.onnx");
        assertEquals("bytes=60000-", requests.get(0).range());
        assertNull(requests.get(1).range());
    }

    @Test
    void aResumedDownloadThatFailsVerificationRestartsOnceFromZero() throws Exception {
        byte[] data = TestBytes.random(60_000, 23);
        // A part left by another version of the file: right length prefix, wrong bytes.
        Files.write(dir.resolve("v.onnx.part"), TestBytes.random(25_000, 24));
        server.handle("/m/v.onnx", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range == null) {
                LocalModelServer.send(ex, 200, data, 0, data.length);
                return;
            }
            int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            LocalModelServer.send(ex, 206, data, from, data.length - from);
        });
        ModelDownload model = TestBytes.model("v", "v.onnx", data, server.uri("/m/v.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        List<LocalModelServer.Request> requests = server.requests("/m/v.onnx");
        assertEquals(2, requests.size());
        assertEquals("bytes=25000-", requests.get(0).range());
        assertNull(requests.get(1).range(), "after a failed check of resumed bytes the file restarts from zero");
    }

    @Test
    void aModelWithoutUrlsSaysSo() {
        ModelDownload model = new ModelDownload("lonely", "l.onnx", 1, null, List.of(), "MIT", false);
        ModelFetchException e = assertThrows(ModelFetchException.class, () -> fetcher(FAST).fetch(model, dir));
        assertEquals("could not install model 'lonely': the manifest lists no URL for it", e.getMessage());
    }

    @Test
    void rejectsAndRemovesAFileWithTheWrongHash() throws Exception {
        byte[] good = TestBytes.random(80_000, 7);
        byte[] served = good.clone();
        served[1234] ^= 1;
        server.serve("/m/bad.onnx", served);
        ModelDownload model = TestBytes.model("bad", "bad.onnx", good, server.uri("/m/bad.onnx"));

        ModelFetchException e = assertThrows(ModelFetchException.class, () -> fetcher(FAST).fetch(model, dir));

        assertTrue(e.getMessage().contains("expected " + TestBytes.sha256(good)), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + TestBytes.sha256(served)), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.onnx")));
        assertFalse(Files.exists(dir.resolve("bad.onnx.part")), "failed bytes must not be kept");
        assertEquals(1, server.requests("/m/bad.onnx").size(), "the same URL would serve the same bad bytes");
    }

    @Test
    void a404IsReportedAndTheNextUrlIsTried() throws Exception {
        byte[] data = TestBytes.random(20_000, 8);
        server.serve("/mirror/m.onnx", data);
        server.handle("/gone/", ex -> ex.sendResponseHeaders(404, -1));
        ModelDownload model = TestBytes.model("m", "m.onnx", data, server.uri("/gone/m.onnx"),
                server.uri("/mirror/m.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        assertEquals(1, server.requests("/gone/m.onnx").size(), "a 404 is not retried");
        assertTrue(events.stream().anyMatch(e -> e.contains("HTTP 404 Not Found from " + server.uri("/gone/m.onnx")
                + ", trying the next URL")), events.toString());
    }

    @Test
    void whenEveryUrlFailsTheMessageListsEachFailure() throws Exception {
        byte[] data = TestBytes.random(1_000, 9);
        server.handle("/busy/m.onnx", ex -> ex.sendResponseHeaders(503, -1));
        ModelDownload model = TestBytes.model("m", "m.onnx", data, server.uri("/gone/m.onnx"),
                server.uri("/busy/m.onnx"));

        ModelFetchException e = assertThrows(ModelFetchException.class, () -> fetcher(FAST).fetch(model, dir));

        assertTrue(e.getMessage().startsWith("could not install model 'm': "), e.getMessage());
        assertTrue(e.getMessage().contains(server.uri("/gone/m.onnx") + ": HTTP 404 Not Found"), e.getMessage());
        assertTrue(e.getMessage().contains(server.uri("/busy/m.onnx") + ": HTTP 503 Service Unavailable"));
        assertEquals(FAST.attemptsPerUrl(), server.requests("/busy/m.onnx").size(), "5xx retried, bounded");
        assertEquals(1 + FAST.attemptsPerUrl(), e.attempts().size());
    }

    @Test
    void aServerThatStallsMidBodyTimesOutWithAClearMessage() throws Exception {
        byte[] data = TestBytes.random(100_000, 10);
        server.handle("/slow/m.onnx", ex -> {
            ex.sendResponseHeaders(200, data.length);
            OutputStream out = ex.getResponseBody();
            out.write(data, 0, 1000);
            out.flush();
            server.stall();
        });
        ModelDownload model = TestBytes.model("m", "m.onnx", data, server.uri("/slow/m.onnx"));
        ModelFetcher.Settings twoTries = new ModelFetcher.Settings(Duration.ofSeconds(2), Duration.ofMillis(400), 2,
                Duration.ofMillis(10), Duration.ofMillis(10), false);

        ModelFetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ModelFetchException.class, () -> fetcher(twoTries).fetch(model, dir)));

        assertTrue(e.getMessage().contains("stalled: no data for 400 ms from 127.0.0.1 after 1000 of 100000 bytes"),
                e.getMessage());
        assertEquals(2, server.requests("/slow/m.onnx").size());
        assertEquals("bytes=1000-", server.requests("/slow/m.onnx").get(1).range(), "the retry resumes");
        assertFalse(Files.exists(dir.resolve("m.onnx")));
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithAClearMessage() throws Exception {
        server.handle("/silent/m.onnx", ex -> server.stall());
        byte[] data = TestBytes.random(10, 11);
        ModelDownload model = TestBytes.model("m", "m.onnx", data, server.uri("/silent/m.onnx"));
        ModelFetcher.Settings oneTry = new ModelFetcher.Settings(Duration.ofSeconds(2), Duration.ofMillis(400), 1,
                Duration.ZERO, Duration.ZERO, false);

        ModelFetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ModelFetchException.class, () -> fetcher(oneTry).fetch(model, dir)));

        assertTrue(e.getMessage().contains("stalled: no response from 127.0.0.1 within 400 ms"), e.getMessage());
    }

    @Test
    void aServerAnnouncingTheWrongSizeIsSkippedBeforeDownloading() throws Exception {
        byte[] data = TestBytes.random(5_000, 12);
        server.serve("/other/m.onnx", TestBytes.random(7_000, 13));
        server.serve("/right/m.onnx", data);
        ModelDownload model = TestBytes.model("m", "m.onnx", data, server.uri("/other/m.onnx"),
                server.uri("/right/m.onnx"));

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        assertTrue(events.stream().anyMatch(e -> e.contains("announces 7000 bytes, the manifest expects 5000")),
                events.toString());
    }

    @Test
    void aCrc32SidecarVouchesForAModelWithoutSha256() throws Exception {
        byte[] data = TestBytes.random(30_000, 14);
        server.serve("/ff/face.onnx", data);
        server.serve("/ff/face.hash", (TestBytes.crc32(data) + "\n").getBytes(StandardCharsets.US_ASCII));
        ModelDownload model = new ModelDownload("face", "face.onnx", data.length, null,
                List.of(server.uri("/ff/face.onnx")), "MIT", false);

        Path installed = fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(installed));
        assertEquals(1, server.requests("/ff/face.hash").size());
    }

    @Test
    void aWrongCrc32SidecarRejectsTheFile() throws Exception {
        byte[] data = TestBytes.random(30_000, 15);
        byte[] other = TestBytes.random(30_000, 16);
        server.serve("/ff/face.onnx", data);
        server.serve("/ff/face.hash", TestBytes.crc32(other).getBytes(StandardCharsets.US_ASCII));
        ModelDownload model = new ModelDownload("face", "face.onnx", data.length, null,
                List.of(server.uri("/ff/face.onnx")), "MIT", false);

        ModelFetchException e = assertThrows(ModelFetchException.class, () -> fetcher(FAST).fetch(model, dir));

        assertTrue(e.getMessage().contains("CRC32 mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + TestBytes.crc32(other)), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + TestBytes.crc32(data)), e.getMessage());
        assertFalse(Files.exists(dir.resolve("face.onnx")));
        assertFalse(Files.exists(dir.resolve("face.onnx.part")));
    }

    @Test
    void aSidecarIsCheckedEvenWhenSha256Matches() throws Exception {
        byte[] data = TestBytes.random(10_000, 17);
        server.serve("/ff/x.onnx", data);
        server.serve("/ff/x.hash", "00000000".getBytes(StandardCharsets.US_ASCII));
        ModelDownload model = TestBytes.model("x", "x.onnx", data, server.uri("/ff/x.onnx"));

        ModelFetchException e = assertThrows(ModelFetchException.class, () -> fetcher(FAST).fetch(model, dir));
        assertTrue(e.getMessage().contains("CRC32 mismatch"), e.getMessage());
    }

    @Test
    void withoutSha256AndWithoutSidecarTheFileIsRefused() throws Exception {
        byte[] data = TestBytes.random(10_000, 18);
        server.serve("/hf/y.onnx", data);
        ModelDownload model = new ModelDownload("y", "y.onnx", data.length, null,
                List.of(server.uri("/hf/y.onnx")), "MIT", false);

        ModelFetchException e = assertThrows(ModelFetchException.class, () -> fetcher(FAST).fetch(model, dir));

        assertTrue(e.getMessage().contains("refusing an unverified model file"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("y.onnx")));
    }

    @Test
    void anAlreadyInstalledVerifiedFileIsNotDownloadedAgain() throws Exception {
        byte[] data = TestBytes.random(10_000, 19);
        Files.write(dir.resolve("z.onnx"), data);
        server.serve("/m/z.onnx", data);
        ModelDownload model = TestBytes.model("z", "z.onnx", data, server.uri("/m/z.onnx"));

        fetcher(FAST).fetch(model, dir);

        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anInstalledNonCommercialModelIsNotQuestionedAgain() throws Exception {
        byte[] data = TestBytes.random(3_000, 25);
        Files.write(dir.resolve("nc.onnx"), data);
        ModelDownload model = new ModelDownload("nc", "nc.onnx", data.length, TestBytes.sha256(data),
                List.of(server.uri("/m/nc.onnx")), "Non-Commercial", true);

        Path installed = fetcher(FAST).fetch(model, dir); // the gate refuses restricted models

        assertEquals(dir.resolve("nc.onnx"), installed);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aCorruptInstalledFileIsReplaced() throws Exception {
        byte[] data = TestBytes.random(10_000, 20);
        Files.write(dir.resolve("z.onnx"), TestBytes.random(10_000, 21));
        server.serve("/m/z.onnx", data);
        ModelDownload model = TestBytes.model("z", "z.onnx", data, server.uri("/m/z.onnx"));

        fetcher(FAST).fetch(model, dir);

        assertArrayEquals(data, Files.readAllBytes(dir.resolve("z.onnx")));
    }

    @Test
    void aNonCommercialModelNeedsAcceptanceBeforeAnyTraffic() throws Exception {
        byte[] data = TestBytes.random(1_000, 22);
        server.serve("/m/nc.onnx", data);
        ModelDownload model = new ModelDownload("nc", "nc.onnx", data.length, TestBytes.sha256(data),
                List.of(server.uri("/m/nc.onnx")), "Non-Commercial", true);

        LicenceNotAcceptedException e = assertThrows(LicenceNotAcceptedException.class,
                () -> fetcher(FAST).fetch(model, dir));

        assertTrue(e.getMessage().contains("'Non-Commercial'"), e.getMessage());
        assertTrue(e.getMessage().contains("--accept-licences"), e.getMessage());
        assertTrue(server.requests().isEmpty());

        Path installed = new ModelFetcher(FAST, LicenceGate.acceptingAll(), recorder).fetch(model, dir);
        assertArrayEquals(data, Files.readAllBytes(installed));
    }
}
