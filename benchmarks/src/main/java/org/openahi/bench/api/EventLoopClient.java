package org.openahi.bench.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A closed-loop load generator on one thread: {@code concurrency} keep-alive connections driven by one
 * selector, each sending its next request as soon as the previous response is complete. One thread keeps
 * the client from competing with the server for the machine's cores with dozens of runnable threads,
 * which would otherwise show up as server latency.
 */
final class EventLoopClient {
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    record Result(long[] sortedLatenciesNanos, long errors, long responseBytes, Duration elapsed) {
        int count() {
            return sortedLatenciesNanos.length;
        }

        double throughput() {
            return count() / (elapsed.toNanos() / 1e9);
        }

        double meanResponseBytes() {
            return count() == 0 ? Double.NaN : (double) responseBytes / count();
        }

        double percentileMillis(double p) {
            return Percentiles.millis(sortedLatenciesNanos, p);
        }
    }

    private static final class Connection {
        final SocketChannel channel;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        long startedNanos;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final InetSocketAddress address;
    private final Supplier<byte[]> requests;

    EventLoopClient(InetSocketAddress address, Supplier<byte[]> requests) {
        this.address = address;
        this.requests = requests;
    }

    Result run(int concurrency, Duration duration) throws IOException {
        long[] latencies = new long[1 << 20];
        int count = 0;
        long errors = 0;
        long responseBytes = 0;
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < concurrency; i++) {
                SocketChannel channel = SocketChannel.open(address);
                channel.socket().setTcpNoDelay(true);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel);
                send(connection);
                channel.register(selector, SelectionKey.OP_WRITE, connection);
            }
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        connection.channel.write(connection.out);
                        if (!connection.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        if (!connection.in.hasRemaining()) {
                            connection.in = ByteBuffer.allocate(connection.in.capacity() * 2)
                                    .put(connection.in.flip());
                        }
                        if (connection.channel.read(connection.in) < 0) {
                            throw new IOException("The server closed a connection");
                        }
                        int status = completeResponseStatus(connection.in);
                        if (status > 0) {
                            responseBytes += connection.in.position();
                            long latency = System.nanoTime() - connection.startedNanos;
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = latency;
                            if (status != 200) {
                                errors++;
                            }
                            connection.in.clear();
                            send(connection);
                            connection.channel.write(connection.out);
                            key.interestOps(
                                    connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new Result(sorted, errors, responseBytes, elapsed);
        }
    }

    private void send(Connection connection) {
        connection.out = ByteBuffer.wrap(requests.get());
        connection.startedNanos = System.nanoTime();
    }

    /** The status code once a whole response (Content-Length or chunked framing) is in the buffer, else 0. */
    private static int completeResponseStatus(ByteBuffer in) {
        byte[] data = in.array();
        int length = in.position();
        int headerEnd = indexOf(data, 0, length, HEADER_END);
        if (headerEnd < 0) {
            return 0;
        }
        String head = new String(data, 0, headerEnd, StandardCharsets.US_ASCII);
        long contentLength = 0;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon) : "";
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(line.substring(colon + 1).strip());
            } else if (name.equalsIgnoreCase("transfer-encoding")
                    && line.substring(colon + 1).strip().equals("chunked")) {
                chunked = true;
            }
        }
        int bodyStart = headerEnd + HEADER_END.length;
        boolean complete = chunked ? lastChunkReceived(data, bodyStart, length) : length >= bodyStart + contentLength;
        return complete ? Integer.parseInt(head.substring(9, 12)) : 0;
    }

    /** Walks the chunk sizes from {@code at}: true once the zero-size chunk and its final CRLF are in. */
    private static boolean lastChunkReceived(byte[] data, int at, int length) {
        while (true) {
            int lineEnd = indexOf(data, at, length, CRLF);
            if (lineEnd < 0) {
                return false;
            }
            String size = new String(data, at, lineEnd - at, StandardCharsets.US_ASCII);
            int extension = size.indexOf(';');
            long chunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            if (chunk == 0) {
                return indexOf(data, lineEnd, length, HEADER_END) == lineEnd;
            }
            at = lineEnd + CRLF.length + (int) chunk + CRLF.length;
            if (at > length) {
                return false;
            }
        }
    }

    private static int indexOf(byte[] data, int from, int length, byte[] pattern) {
        outer:
        for (int i = from; i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
