package org.openahi.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Tag;

/**
 * Random access to the frames of a data set's Pixel Data (or Float / Double Float Pixel Data). Frames of a file
 * read with {@link DicomReader#read(java.nio.file.Path)} are read from the file when opened, one at a time.
 */
public final class PixelData {

    private final Element element;
    private final int frames;
    private final NativeLayout layout;
    private final List<BulkData> fragments;
    private final int[] frameStarts;

    private PixelData(Element element, int frames, NativeLayout layout, List<BulkData> fragments, int[] frameStarts) {
        this.element = element;
        this.frames = frames;
        this.layout = layout;
        this.fragments = fragments;
        this.frameStarts = frameStarts;
    }

    /** The frames of the data set's pixel data, or {@code null} when it has none. */
    static PixelData of(Dataset dataset, String transferSyntaxUid) throws DicomParseException {
        Element element = pixelElement(dataset);
        if (element == null) {
            return null;
        }
        try {
            if (element.isEncapsulated()) {
                Fragments f = element.fragments();
                int frames = NativeLayout.frameCount(dataset, element.tag());
                List<ReadWarning> ignored = new ArrayList<>();
                int[] starts = FragmentGrouping.of(dataset, f.basicOffsetTable(), transferSyntaxUid, frames, ignored)
                        .frameStarts(f.items());
                return new PixelData(element, frames, null, f.items(), starts);
            }
            NativeLayout layout = NativeLayout.of(dataset, element.tag());
            if (element.length() < layout.totalBytes()) {
                throw new DicomParseException(
                        "pixel data of " + element.length() + " bytes is shorter than " + layout.frames()
                                + " frames of " + layout.frameBits() + " bits",
                        -1,
                        Tags.format(element.tag()));
            }
            long framesEnd = Math.min(layout.totalBytes(), element.length());
            try (InputStream rest = element.bulkData().openStream(framesEnd, element.length() - framesEnd)) {
                layout.requirePaddingAfterFrames(rest, framesEnd, element.length(), element.tag());
            }
            return new PixelData(element, layout.frames(), layout, List.of(), null);
        } catch (DicomParseException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomParseException(
                    "cannot read pixel data: " + e.getMessage(), -1, Tags.format(element.tag()), e);
        }
    }

    static Element pixelElement(Dataset dataset) {
        for (int tag : new int[] {Tag.PixelData, Tag.FloatPixelData, Tag.DoubleFloatPixelData}) {
            Element e = dataset.get(tag);
            if (e != null && !e.isSequence()) {
                return e;
            }
        }
        return null;
    }

    /** The pixel data element itself. */
    public Element element() {
        return element;
    }

    public int frameCount() {
        return frames;
    }

    public boolean encapsulated() {
        return layout == null;
    }

    /** The fragments of frame {@code index} (encapsulated pixel data), in order. */
    public List<BulkData> fragments(int index) {
        if (layout != null) {
            throw new IllegalStateException("native pixel data has no fragments");
        }
        int end = index + 1 < frames ? frameStarts[index + 1] : fragments.size();
        return fragments.subList(frameStarts[index], end);
    }

    public Frame frame(int index) {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + frames);
        }
        if (layout == null) {
            List<BulkData> parts = fragments(index);
            long length = parts.stream().mapToLong(BulkData::length).sum();
            return new Frame(index, length, () -> concatenate(parts));
        }
        BulkData value = element.bulkData();
        long firstBit = layout.firstBit(index);
        if (firstBit % 8 == 0 && layout.frameBits() % 8 == 0) {
            return new Frame(index, layout.frameBytes(), () -> value.openStream(firstBit / 8, layout.frameBytes()));
        }
        return new Frame(index, layout.frameBytes(), () -> {
            long from = firstBit / 8;
            long to = (firstBit + layout.frameBits() + 7) / 8;
            try (InputStream in = value.openStream(from, to - from)) {
                return new ByteArrayInputStream(
                        BitFrames.align(in.readAllBytes(), (int) (firstBit % 8), layout.frameBits()));
            }
        });
    }

    private static InputStream concatenate(List<BulkData> parts) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        for (BulkData part : parts) {
            streams.add(new LazyInputStream(part::openStream));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }
}
