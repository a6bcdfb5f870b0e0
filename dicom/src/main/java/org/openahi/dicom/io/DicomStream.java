package org.openahi.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;

/**
 * Sequential reading of a DICOM stream whose size is unknown or too large for memory. Opening reads the File Meta
 * and the data set up to the top-level Pixel Data; {@link #nextFrame()} then yields the frames in order, each
 * readable once as a stream; {@link #finish()} reads any elements after the pixel data. Memory is bounded by the
 * header and, for 1-bit and big-endian data, one frame; never by the file.
 *
 * <pre>{@code
 * try (DicomStream s = DicomReader.stream(in)) {
 *     Dataset header = s.dataset();
 *     for (Frame f; (f = s.nextFrame()) != null; ) {
 *         try (InputStream bytes = f.openStream()) { ... }
 *     }
 *     Dataset all = s.finish();   // the data set without the Pixel Data element
 * }
 * }</pre>
 */
public final class DicomStream implements Closeable {

    private final ByteInput in;
    private final DatasetParser parser;
    private final List<ReadWarning> warnings;
    private final FileStart.Result start;
    private final Dataset dataset = new Dataset();
    private final DatasetParser.PixelDataHeader pixels;

    private int framesRead;
    private InputStream current;
    private boolean finished;
    /**
     * Native pixel data: frame layout, bytes of the value consumed, and bytes read but not yet given out, which
     * start at {@code carryStart} of the value (a byte two 1-bit frames share, the rest of a big-endian word).
     */
    private NativeLayout layout;

    private long consumed;
    private byte[] carry = new byte[0];
    private long carryStart;
    /** Encapsulated pixel data: fragment grouping, the next fragment's number and offset, delimiter seen. */
    private FragmentGrouping grouping;

    private int fragmentIndex;
    private long itemOffset;
    private boolean fragmentsEnded;

    private DicomStream(ByteInput in, ReadOptions options) throws IOException {
        this.in = in;
        this.warnings = new ArrayList<>();
        this.parser = new DatasetParser(in, options, warnings);
        this.start = DicomReader.guarded(in, () -> FileStart.read(in, parser, warnings));
        this.pixels = DicomReader.guarded(in, () -> parser.readTopLevel(dataset, start.encoding(), true));
        if (pixels != null && pixels.encapsulated()) {
            DicomReader.guarded(in, () -> {
                readBasicOffsetTable(options);
                return null;
            });
        }
    }

    static DicomStream open(ByteInput in, ReadOptions options) throws IOException {
        try {
            return new DicomStream(in, options);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public Dataset fileMeta() {
        return start.fileMeta();
    }

    public String transferSyntaxUid() {
        return start.transferSyntaxUid();
    }

    /** The data set read so far: before {@link #finish()}, the elements up to the Pixel Data. */
    public Dataset dataset() {
        return dataset;
    }

    public List<ReadWarning> warnings() {
        return List.copyOf(warnings);
    }

    public boolean hasPixelData() {
        return pixels != null;
    }

    /** The pixel data element's tag (Pixel Data, Float or Double Float Pixel Data), or -1 without pixel data. */
    public int pixelDataTag() {
        return pixels == null ? -1 : pixels.tag();
    }

    /** The pixel data element's VR as the input gave it (implicit VR: OW, as PS3.5 Annex A says), or null without. */
    public VR pixelDataVr() {
        return pixels == null ? null : pixels.vr();
    }

    /** The next frame, or {@code null} after the last one. The previous frame's unread bytes are skipped. */
    public Frame nextFrame() throws IOException {
        if (pixels == null || finished) {
            return null;
        }
        drainCurrent();
        Frame frame = DicomReader.guarded(in, () -> pixels.encapsulated() ? nextEncapsulated() : nextNative());
        if (frame != null) {
            framesRead++;
        }
        return frame;
    }

    /** Skips the remaining frames, reads the elements after the pixel data and returns the data set. */
    public Dataset finish() throws IOException {
        if (finished) {
            return dataset;
        }
        drainCurrent();
        if (pixels != null) {
            DicomReader.guarded(in, () -> {
                skipRestOfPixelData();
                return parser.readTopLevel(dataset, start.encoding(), false);
            });
        }
        finished = true;
        return dataset;
    }

    private void drainCurrent() throws IOException {
        if (current != null) {
            current.skip(Long.MAX_VALUE);
            current = null;
        }
    }

    private Frame nextNative() throws IOException {
        if (layout == null) {
            layout = NativeLayout.of(dataset, pixels.tag());
            if (pixels.length() < layout.totalBytes()) {
                throw fail("pixel data of " + pixels.length() + " bytes is shorter than " + layout.frames()
                        + " frames of " + layout.frameBits() + " bits");
            }
        }
        if (framesRead >= layout.frames()) {
            if (consumed < pixels.length()) {
                FrameInput rest = new FrameInput(pixels.length() - consumed);
                layout.requirePaddingAfterFrames(rest, consumed, pixels.length(), pixels.tag());
                rest.transferTo(OutputStream.nullOutputStream());
                consumed = pixels.length();
            }
            return null;
        }
        int index = framesRead;
        long firstBit = layout.firstBit(index);
        int unit = pixels.encoding().bigEndian() ? swapUnit() : 1;
        if (firstBit % 8 == 0 && layout.frameBits() % 8 == 0 && unit == 1) {
            current = new FrameInput(layout.frameBytes());
            consumed += layout.frameBytes();
            InputStream stream = current;
            return new Frame(index, layout.frameBytes(), () -> stream);
        }
        long from = firstBit / 8;
        long to = (firstBit + layout.frameBits() + 7) / 8;
        long readTo = unit > 1 ? Math.min(pixels.length(), (to + unit - 1) / unit * unit) : to;
        if (readTo > consumed) {
            byte[] raw = in.read(readTo - consumed);
            if (unit > 1) {
                DatasetParser.swap(raw, unit); // consumed is a multiple of unit, so units start at raw[0]
            }
            byte[] joined = Arrays.copyOf(carry, carry.length + raw.length);
            System.arraycopy(raw, 0, joined, carry.length, raw.length);
            carry = joined;
            consumed = readTo;
        }
        byte[] frame = BitFrames.align(
                Arrays.copyOfRange(carry, (int) (from - carryStart), (int) (to - carryStart)),
                (int) (firstBit % 8),
                layout.frameBits());
        long next = Math.min(to, layout.firstBit(index + 1) / 8);
        carry = Arrays.copyOfRange(carry, (int) (next - carryStart), carry.length);
        carryStart = next;
        return new Frame(index, frame.length, () -> new ByteArrayInputStream(frame));
    }

    private int swapUnit() {
        return pixels.vr().unitSize() > 1 ? pixels.vr().unitSize() : 1;
    }

    private void readBasicOffsetTable(ReadOptions options) throws IOException {
        int tag = Tags.of(in.u16(false), in.u16(false));
        long length = in.u32(false);
        if (tag != Tag.Item || length == DatasetParser.UNDEFINED_LENGTH) {
            throw fail("encapsulated pixel data does not start with a Basic Offset Table item");
        }
        if (length > options.maxValueLength()) {
            throw fail("Basic Offset Table of " + length + " bytes exceeds the limit");
        }
        byte[] table = in.read(length);
        long[] offsets = new long[table.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (table[4 * i] & 0xFFL)
                    | (table[4 * i + 1] & 0xFF) << 8
                    | (table[4 * i + 2] & 0xFF) << 16
                    | (table[4 * i + 3] & 0xFFL) << 24;
        }
        int frames = NativeLayout.frameCount(dataset, pixels.tag());
        grouping = FragmentGrouping.of(dataset, offsets, start.transferSyntaxUid(), frames, warnings);
    }

    private Frame nextEncapsulated() throws IOException {
        if (fragmentsEnded) {
            return null;
        }
        FragmentHeader header = peekFragment();
        if (header == null) {
            return null;
        }
        in.skip(8);
        FragmentsInput stream = new FragmentsInput(header.length);
        current = stream;
        return new Frame(framesRead, -1, () -> stream);
    }

    /** The next fragment item's length, or {@code null} (delimiter consumed) at the end of the fragments. */
    private record FragmentHeader(long length, byte[] head, int headLength) {}

    private FragmentHeader peekFragment() throws IOException {
        if (!in.request(8)) {
            throw new EOFException("encapsulated pixel data ends without sequence delimiter");
        }
        int tag = Tags.of(in.peek(0) | in.peek(1) << 8, in.peek(2) | in.peek(3) << 8);
        long length = (in.peek(4) | in.peek(5) << 8 | in.peek(6) << 16 | (long) in.peek(7) << 24);
        if (tag == Tag.SequenceDelimitationItem) {
            in.skip(8);
            fragmentsEnded = true;
            return null;
        }
        if (tag != Tag.Item || length == DatasetParser.UNDEFINED_LENGTH) {
            throw fail("expected a fragment item, found " + Tags.format(tag));
        }
        int headLength = (int) Math.min(FragmentGrouping.HEAD, length);
        in.request(8 + headLength);
        headLength = Math.min(headLength, in.buffered() - 8);
        byte[] head = new byte[FragmentGrouping.HEAD];
        for (int i = 0; i < headLength; i++) {
            head[i] = (byte) in.peek(8 + i);
        }
        return new FragmentHeader(length, head, headLength);
    }

    private void skipRestOfPixelData() throws IOException {
        if (!pixels.encapsulated()) {
            in.skip(pixels.length() - consumed);
            consumed = pixels.length();
            return;
        }
        while (!fragmentsEnded) {
            FragmentHeader header = peekFragment();
            if (header != null) {
                in.skip(8 + header.length());
            }
        }
    }

    /** Reads frame bytes; the end of a (deflated) input is bad input like any other truncation. */
    private int readSome(byte[] b, int off, int len) throws IOException {
        try {
            return in.readSome(b, off, len);
        } catch (EOFException e) {
            throw fail(e.getMessage());
        }
    }

    private DicomParseException fail(String reason) {
        return new DicomParseException(reason, in.position(), Tags.format(pixels.tag()));
    }

    /** A frame's bytes read straight from the input; subclasses say where the frame ends. */
    private abstract static class FrameBytes extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** Reads {@code length} bytes of a native frame straight from the input. */
    private final class FrameInput extends FrameBytes {
        private long remaining;

        FrameInput(long length) {
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = readSome(b, off, (int) Math.min(len, remaining));
            if (n == 0) {
                throw fail("input ends inside frame " + framesRead);
            }
            remaining -= n;
            return n;
        }
    }

    /** The fragments of one frame: the current item, then following items until one starts the next frame. */
    private final class FragmentsInput extends FrameBytes {
        private long remaining;

        FragmentsInput(long firstLength) {
            this.remaining = firstLength;
            itemOffset += 8 + firstLength;
            fragmentIndex++;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (fragmentsEnded) {
                    return -1;
                }
                FragmentHeader next = DicomReader.guarded(in, DicomStream.this::peekFragment);
                if (next == null || grouping.startsFrame(fragmentIndex, itemOffset, next.head(), next.headLength())) {
                    return -1;
                }
                in.skip(8);
                remaining = next.length();
                itemOffset += 8 + next.length();
                fragmentIndex++;
            }
            int n = readSome(b, off, (int) Math.min(len, remaining));
            if (n == 0) {
                throw fail("input ends inside a fragment of frame " + (framesRead - 1));
            }
            remaining -= n;
            return n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
