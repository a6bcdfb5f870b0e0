package org.openahi.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A STOW-RS body as it arrived, kept until its request ends — in memory when it is small, otherwise in a file of the
 * server's spool folder — with its SHA-256 (hex) when a signature covers it. It is read by position (the multipart
 * scan) and as streams over byte ranges (the instances), from any thread. Closing it deletes the file, or gives the
 * memory back.
 */
public sealed interface SpooledBody extends AutoCloseable {

    long size();

    Optional<String> sha256Hex();

    /** Reads into {@code buffer} from {@code position}: the number of bytes read, -1 past the end. */
    int read(ByteBuffer buffer, long position) throws IOException;

    /** Bytes {@code [offset, offset + length)}; several streams may be open at once. */
    InputStream open(long offset, long length) throws IOException;

    default InputStream open() throws IOException {
        return open(0, size());
    }

    @Override
    void close() throws IOException;

    /** The first {@code size} bytes of {@code bytes}; {@code release} runs once, when the body is closed. */
    static SpooledBody inMemory(byte[] bytes, int size, Optional<String> sha256Hex, Runnable release) {
        return new InMemory(bytes, size, sha256Hex, release, new AtomicBoolean());
    }

    /** The file, opened for reading now; closing the body deletes it. */
    static SpooledBody onDisk(Path file, long size, Optional<String> sha256Hex) throws IOException {
        return new OnDisk(file, size, sha256Hex, FileChannel.open(file, StandardOpenOption.READ));
    }

    record InMemory(byte[] bytes, int length, Optional<String> sha256Hex, Runnable release, AtomicBoolean closed)
            implements SpooledBody {
        @Override
        public long size() {
            return length;
        }

        @Override
        public int read(ByteBuffer buffer, long position) {
            if (position >= length) {
                return -1;
            }
            int count = (int) Math.min(buffer.remaining(), length - position);
            buffer.put(bytes, (int) position, count);
            return count;
        }

        @Override
        public InputStream open(long offset, long count) {
            Objects.checkFromIndexSize(offset, count, length);
            return new ByteArrayInputStream(bytes, (int) offset, (int) count);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    record OnDisk(Path file, long size, Optional<String> sha256Hex, FileChannel channel) implements SpooledBody {
        @Override
        public int read(ByteBuffer buffer, long position) throws IOException {
            return channel.read(buffer, position);
        }

        @Override
        public InputStream open(long offset, long length) {
            Objects.checkFromIndexSize(offset, length, size);
            return new RangeInputStream(channel, offset, length);
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Reads {@code length} bytes from {@code offset} of a channel the body owns (closing the stream leaves it open). */
    final class RangeInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        private RangeInputStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (position >= end) {
                return -1;
            }
            int read = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, end - position)), position);
            if (read > 0) {
                position += read;
            }
            return read;
        }
    }
}
