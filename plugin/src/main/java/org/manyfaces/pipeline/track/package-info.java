/**
 * Temporal stability of detected faces: stable track ids, bridged detection gaps, shot-cut handling and
 * 1€ smoothing of every landmark coordinate.
 *
 * <ul>
 *   <li>{@link org.manyfaces.pipeline.track.TrackAnalysis} (with {@link org.manyfaces.pipeline.track.TrackAnalysisCache}):
 *       for hosts that render frames out of order and on several threads. One analysis pass over a frame
 *       range, in order, through a {@link org.manyfaces.pipeline.track.FrameSampler} (frame → signature,
 *       frame → detections); {@code facesAt(frame)} then answers identically whatever the request order.
 *       Gaps are interpolated and smoothing is zero-lag (forward + backward).</li>
 *   <li>{@link org.manyfaces.pipeline.track.FaceTracker}: a single in-order pass (streaming), forward
 *       smoothing, gaps coast on the last motion.</li>
 * </ul>
 *
 * <p>In an OFX render:
 * <pre>{@code
 * TrackAnalysis a = CACHE.get(clipIdentity, firstFrame, lastFrame,
 *         TrackerSettings.defaults().withSmoothing(SmoothingCurve.sampled(firstFrame, strengthPerFrame)),
 *         frameRate, sampler);              // sampler fetches source frames, runs the detector
 * List<TrackedFace> faces = a.facesAt(frame);
 * }</pre>
 * Nothing here knows OFX, ONNX Runtime or JavaCV.
 */
package org.manyfaces.pipeline.track;
