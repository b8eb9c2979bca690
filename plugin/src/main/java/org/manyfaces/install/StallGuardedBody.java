package org.manyfaces.install;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.manyfaces.error.Failures;

/**
 * Pulls a response body chunk by chunk with a stall timeout.
 *
 * <p>{@code HttpRequest.timeout} only bounds the wait for the response headers; a server that sends
 * headers and then goes quiet would block a plain body stream forever. Here every chunk must arrive
 * within the stall timeout, otherwise the subscription is cancelled (closing the connection) and an
 * {@link HttpTimeoutException} names how long the server was silent. Demand is one chunk at a time,
 * so the body is never buffered ahead in memory.
 */
final class StallGuardedBody implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Duration stallTimeout;
    private volatile Flow.Subscription subscription;
    private boolean finished;

    StallGuardedBody(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /** Subscribes to a body publisher and returns the reader. */
    static StallGuardedBody subscribe(Flow.Publisher<List<ByteBuffer>> body, Duration stallTimeout) {
        StallGuardedBody reader = new StallGuardedBody(stallTimeout);
        body.subscribe(reader);
        return reader;
    }

    /** Subscribes and cancels at once: frees the connection of a response whose body is not wanted. */
    static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /**
     * The next chunk of buffers, or {@code null} once the body is complete.
     *
     * @param what describes the transfer for the stall message (e.g. "host after 12 of 100 bytes")
     * @throws HttpTimeoutException when nothing arrives within the stall timeout
     * @throws IOException          when the connection fails mid-body
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(String what) throws IOException, InterruptedException {
        if (finished) {
            return null;
        }
        Object o = queue.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            cancel();
            throw new HttpTimeoutException("stalled: no data for " + describe(stallTimeout) + " from " + what);
        }
        if (o == END) {
            finished = true;
            return null;
        }
        if (o instanceof Throwable t) {
            finished = true;
            String msg = t instanceof IOException io ? Failures.ioReason(io)
                    : t.getMessage() == null || t.getMessage().isBlank() ? "the connection broke" : t.getMessage();
            throw new IOException("connection failed while reading from " + what + ": " + msg, t);
        }
        subscription.request(1);
        return (List<ByteBuffer>) o;
    }

    /** Stops the transfer (closes the connection); further calls to {@link #next} end the body. */
    void cancel() {
        finished = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
