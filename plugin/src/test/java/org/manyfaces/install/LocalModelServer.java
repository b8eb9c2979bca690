package org.manyfaces.install;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) for download tests: nothing leaves the machine.
 * Records every request (path and Range header) and can hold stalling handlers until {@link #close}.
 */
final class LocalModelServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String path, String range) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Stalling handlers wait on this; close() releases them so the test ends promptly. */
    final CountDownLatch release = new CountDownLatch(1);

    LocalModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Several handlers may block at once (stall tests), so the default single thread will not do.
        server.setExecutor(executor);
        server.start();
    }

    void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Range")));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    /** Serves the bytes with 200, ignoring Range. */
    void serve(String path, byte[] body) {
        handle(path, ex -> send(ex, 200, body, 0, body.length));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    static void send(HttpExchange ex, int status, byte[] body, int from, int length) throws IOException {
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, length);
        }
    }

    /** Waits (bounded) for the test to finish: a server that stops talking. */
    void stall() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
