/**
 * Headless video I/O for the {@code manyfaces} CLI: FFmpeg (JavaCV) readers and writers, image
 * sequences, and the bounded decode → process → encode {@link org.manyfaces.video.FramePipeline}.
 * This is the only package that touches JavaCV; the OFX render path never does.
 *
 * <p>Typical use (the CLI's render command):
 * <pre>{@code
 * try (FrameSource in = MediaFiles.openSource(inputSpec, MediaFiles.DEFAULT_SEQUENCE_FPS)) {
 *     VideoOutputOptions opts = VideoOutputOptions.defaults().withCodec(VideoCodec.parse(codec))
 *             .withMetadata("comment", "made with ManyFaces")
 *             .withAudioFrom(in instanceof VideoReader ? Path.of(inputSpec) : null);
 *     try (FrameSink out = MediaFiles.openSink(outputSpec, in.info(), opts, ExrTransfer.AS_IS)) {
 *         if (out instanceof VideoWriter w) System.err.println("video: " + w.encoderPlan().summary());
 *         ProgressReporter progress = ProgressReporter.forConsole("render");
 *         FramePipeline p = FramePipeline.builder(in, out)
 *                 .processor((index, src, dst) -> effect.render(index, src, dst))
 *                 .progress(progress).build();
 *         return PipelineRunner.forConsole().run(p, progress);   // an ExitCodes value
 *     }
 * } catch (CodecUnavailableException e) { ... ExitCodes.USAGE }
 *   catch (MediaInputException e)       { ... ExitCodes.INPUT_UNREADABLE }
 *   catch (MediaOutputException e)      { ... ExitCodes.OUTPUT_UNWRITABLE }
 * }</pre>
 *
 * <p>What the FFmpeg build can do is looked up at run time ({@link org.manyfaces.video.FfmpegRuntime}).
 * Only codecs of JavaCV's LGPL artifact, the one that ships, are offered ({@link org.manyfaces.video.VideoCodec}):
 * H.264 through OpenH264, VP9 through libvpx, ProRes, DNxHR and lossless FFV1; there is no x264 or x265.
 */
package org.manyfaces.video;
