package org.manyfaces.pipeline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.testsupport.SharedFiles;

/**
 * YuNet on every frame of the shared clip: the media README documents 2 faces in frames 1-50 and 1 face
 * in frames 51-150 (hard cuts at 51 and 101), never 0. Frames are detected straight from the decoder's
 * RGBA buffer through an ImageView (no copy).
 */
class DetectorVideoTest {

    @Test
    void faceCountPerFrameMatchesTheDocumentedClip() throws Exception {
        List<Integer> counts = new ArrayList<>();
        try (InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly());
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(SharedFiles.media("faces_pd_640x360_6s.mp4").toFile())) {
            OnnxFaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("yunet_s_dynamic.onnx"),
                    ProviderChoice.CPU, DetectorOptions.defaults());
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGBA);
            grabber.start();
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                ByteBuffer pixels = ((ByteBuffer) f.image[0]).order(ByteOrder.nativeOrder());
                ImageView view = new ImageView(pixels, f.imageWidth, f.imageHeight, PixelFormat.RGBA_U8, 0, f.imageStride);
                counts.add(yunet.detect(view, 0.9f).size());
            }
            grabber.stop();
        }
        assertEquals(150, counts.size(), "frames decoded");
        for (int i = 0; i < counts.size(); i++) {
            int frame = i + 1;
            assertEquals(frame <= 50 ? 2 : 1, counts.get(i), "faces in frame " + frame);
        }
    }
}
