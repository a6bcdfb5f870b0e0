package org.openahi.dicom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A value that may live outside memory: bytes in memory, a byte range of a file (read only when asked), or a
 * stream with a known length. Values are in little-endian byte order; a range of a big-endian file is swapped as
 * it is read ({@code swapUnit} bytes per value).
 */
public sealed interface BulkData permits BulkData.Bytes, BulkData.FileRange, BulkData.Supplied {

    /** Length in bytes. */
    long length();

    /** A fresh stream over the whole value. */
    InputStream openStream() throws IOException;

    /** A fresh stream over {@code length} bytes starting {@code from} bytes into the value. */
    default InputStream openStream(long from, long length) throws IOException {
        Objects.checkFromIndexSize(from, length, length());
        InputStream in = openStream();
        try {
            in.skipNBytes(from);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BoundedInputStream(in, length);
    }

    /** The value in memory; fails for values of 2 GiB and more. */
    default byte[] readAllBytes() throws IOException {
        if (length() > Integer.MAX_VALUE - 8) {
            throw new IOException("value of " + length() + " bytes does not fit in memory");
        }
        try (InputStream in = openStream()) {
            byte[] bytes = in.readNBytes((int) length());
            if (bytes.length != length()) {
                throw new IOException("value ended after " + bytes.length + " of " + length() + " bytes");
            }
            return bytes;
        }
    }

    static BulkData of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A range of a file, read only when opened. */
    static BulkData ofFile(Path file, long offset, long length) {
        return new FileRange(file, offset, length, 1);
    }

    /** A value supplied by the caller as a stream of known length, e.g. a frame to be written. */
    static BulkData of(long length, StreamSupplier supplier) {
        return new Supplied(length, supplier);
    }

    /** Opens a stream for {@link #of(long, StreamSupplier)}. */
    @FunctionalInterface
    interface StreamSupplier {
        InputStream open() throws IOException;
    }

    /** Bytes held in memory; the array is shared, not copied. */
    record Bytes(byte[] bytes) implements BulkData {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public InputStream openStream(long from, long count) {
            Objects.checkFromIndexSize(from, count, bytes.length);
            return new ByteArrayInputStream(bytes, (int) from, (int) count);
        }

        @Override
        public byte[] readAllBytes() {
            return bytes;
        }
    }

    /** {@code length} bytes at {@code offset} of {@code file}, byte-swapped in units of {@code swapUnit} bytes. */
    record FileRange(Path file, long offset, long length, int swapUnit) implements BulkData {
        @Override
        public InputStream openStream() throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                if (channel.size() < offset + length) {
                    throw new IOException(file + " is shorter than " + (offset + length) + " bytes");
                }
                channel.position(offset);
                InputStream in = new BoundedInputStream(Channels.newInputStream(channel), length);
                return swapUnit > 1 ? new SwappingInputStream(in, swapUnit) : in;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /** One positional read into an array of the value's size (checked against the file first). */
        @Override
        public byte[] readAllBytes() throws IOException {
            if (swapUnit > 1) {
                return BulkData.super.readAllBytes(); // swapped as it streams
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException("value of " + length + " bytes does not fit in memory");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (channel.size() < offset + length) {
                    throw new IOException(file + " is shorter than " + (offset + length) + " bytes");
                }
                byte[] bytes = new byte[(int) length];
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new IOException(file + " ended while reading " + length + " bytes at " + offset);
                    }
                }
                return bytes;
            }
        }

        /** Reads the whole units that cover the range, so a big-endian value is swapped in step. */
        @Override
        public InputStream openStream(long from, long count) throws IOException {
            Objects.checkFromIndexSize(from, count, length);
            long start = from - from % swapUnit;
            long end = Math.min(length, (from + count + swapUnit - 1) / swapUnit * swapUnit);
            InputStream in = new FileRange(file, offset + start, end - start, swapUnit).openStream();
            try {
                in.skipNBytes(from - start);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            return new BoundedInputStream(in, count);
        }
    }

    /** A caller's stream of known length. */
    record Supplied(long length, StreamSupplier supplier) implements BulkData {
        @Override
        public InputStream openStream() throws IOException {
            return new BoundedInputStream(supplier.open(), length);
        }
    }
}
