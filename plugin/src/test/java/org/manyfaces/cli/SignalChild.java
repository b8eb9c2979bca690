package org.manyfaces.cli;

import org.manyfaces.video.FrameSink;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.FramePipeline;
import org.manyfaces.video.MediaFiles;
import org.manyfaces.video.VideoOutputOptions;

/**
 * A child process for {@link PipelineRunnerSignalTest}: renders {@code args[0]} to {@code args[1]} slowly
 * and says "RUNNING" on stdout once frames are flowing, so the test can signal it mid-render.
 */
public final class SignalChild {
    private SignalChild() {
    }

    public static void main(String[] args) throws Exception {
        try (FrameSource in = MediaFiles.openSource(args[0], 25);
             FrameSink out = MediaFiles.openSink(args[1], in.info(), VideoOutputOptions.defaults(), null)) {
            FramePipeline p = FramePipeline.builder(in, out).processor((i, s, d) -> {
                if (i == 10) {
                    System.out.println("RUNNING");
                    System.out.flush();
                }
                Thread.sleep(30);
                d.copyFrom(s);
            }).build();
            int code = PipelineRunner.forConsole().run(p, null);
            System.out.println("EXIT " + code);
            System.out.flush();
        }
    }
}
