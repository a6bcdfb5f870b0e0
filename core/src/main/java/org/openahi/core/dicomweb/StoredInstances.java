package org.openahi.core.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.metadata.InstanceDataset;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.BulkData;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Fragments;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.Tag;

/**
 * Rebuilds a stored instance as a DICOM data set from its metadata and its frames, in the stored transfer syntax
 * (frames as stored, HTJ2K as codestreams) or in a native one (frames decoded, with the Photometric Interpretation of
 * the decoded samples). Frames are read as the data set is
 * written, one decoded frame in memory at a time, so an instance of any size streams in constant memory. WADO-RS
 * instance retrieval and the DICOM listener's C-MOVE and C-GET send what this builds.
 */
public final class StoredInstances {
    private final DicomWebReads reads;
    private final FrameReader frames;

    public StoredInstances(DicomWebReads reads, FrameReader frames) {
        this.reads = reads;
        this.frames = frames;
    }

    /** An instance rebuilt: its File Meta Information and its data set, Pixel Data included. */
    public record Rebuilt(Dataset fileMeta, Dataset dataset) {}

    /**
     * The instance with its Pixel Data for {@code transferSyntaxUid}: the stored syntax, or a native one when the frames
     * can be decoded ({@link FrameReader#nativeAvailable}).
     */
    public Rebuilt rebuild(DicomWebReads.SeriesView series, String sopInstanceUid, String transferSyntaxUid)
            throws IOException {
        InstanceDataset instance = series.instance(sopInstanceUid);
        boolean decode = !transferSyntaxUid.equals(instance.frames().transferSyntaxUid());
        Dataset dataset = instance.dataset();
        List<StoredFrame> stored = new ArrayList<>();
        for (String frameId : instance.frames().frameIds()) {
            stored.add(reads.frame(series.imageSet(), frameId));
        }
        if (!stored.isEmpty()) {
            dataset.put(pixelData(instance, dataset, stored, decode));
        }
        return new Rebuilt(instance.fileMeta(), dataset);
    }

    private Element pixelData(InstanceDataset instance, Dataset dataset, List<StoredFrame> stored, boolean decode)
            throws IOException {
        StoredFrames how = instance.frames();
        boolean nativePixels = TransferSyntaxTable.find(how.transferSyntaxUid())
                .filter(SyntaxRule::nativePixels)
                .isPresent();
        if (!decode && !nativePixels) {
            List<BulkData> fragments = new ArrayList<>();
            for (StoredFrame frame : stored) {
                fragments.add(BulkData.of(
                        frames.encodedLength(frame), () -> new ByteArrayInputStream(frames.encoded(frame))));
            }
            // A video's one stored frame is the stream of all its frames: a one-entry offset table would contradict
            // NumberOfFrames, so the table is left empty as PS3.5 lets it be.
            boolean video = TransferSyntaxTable.find(how.transferSyntaxUid())
                    .filter(SyntaxRule::videoStream)
                    .isPresent();
            return Element.of(
                    Tag.PixelData,
                    VR.OB,
                    video ? new Fragments(new long[0], fragments) : Fragments.ofFrames(fragments));
        }
        PixelLayout layout;
        try {
            layout = FrameReader.decodedLayout(how);
        } catch (UnsupportedPixelsException e) {
            throw new IOException("Instance has no native pixel layout: " + e.getMessage(), e);
        }
        if (!layout.photometricInterpretation()
                .equals(how.layout().orElseThrow().photometricInterpretation())) {
            // The decoder's samples are not what the stored attributes describe (YBR_RCT data is RGB once decoded).
            dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, layout.photometricInterpretation());
        }
        VR vr = nativeVr(instance.pixelDataTag(), instance.pixelDataVr(), layout.bitsAllocated());
        if (layout.bitsAllocated() == 1) {
            return Element.of(instance.pixelDataTag(), vr, packedBits(stored, how, layout));
        }
        long frameLength = layout.nativeFrameBytes();
        List<BulkData> nativeFrames = new ArrayList<>();
        for (StoredFrame frame : stored) {
            nativeFrames.add(
                    BulkData.of(frameLength, () -> new ByteArrayInputStream(nativeFrame(frame, how, frameLength))));
        }
        long total = frameLength * stored.size();
        BulkData all = BulkData.of(total, () -> new SequenceInputStream(openedInTurn(nativeFrames)));
        return Element.of(instance.pixelDataTag(), vr, all);
    }

    /**
     * The VR the file gave its Pixel Data when native pixels may have it (OW, or OB up to 8 bits: PS3.5 A.2); Float and
     * Double Float Pixel Data have theirs.
     */
    private static VR nativeVr(int tag, VR fromFile, int bitsAllocated) {
        if (tag != Tag.PixelData) {
            return Dictionary.implicitVr(tag);
        }
        if (fromFile == VR.OW || fromFile == VR.OB && bitsAllocated <= 8) {
            return fromFile;
        }
        return bitsAllocated > 8 ? VR.OW : VR.OB;
    }

    /**
     * 1-bit frames (stored each from bit 0 of its first byte) one after the other in one bit stream, as PS3.5 §8.1.1
     * packs them: a frame whose pixels do not fill its last byte shares that byte with the next. Binary segmentations
     * are small; the packed value is held in memory.
     */
    private byte[] packedBits(List<StoredFrame> stored, StoredFrames how, PixelLayout layout) throws IOException {
        long pixelsPerFrame = layout.samplesPerFrame();
        long bits = pixelsPerFrame * stored.size();
        if ((bits + 7) / 8 > Integer.MAX_VALUE - 8) {
            throw new IOException("A 1-bit Pixel Data value of " + bits + " bits is too large to send");
        }
        byte[] packed = new byte[(int) ((bits + 7) / 8)];
        long at = 0;
        for (StoredFrame frame : stored) {
            byte[] pixels = nativeFrame(frame, how, layout.nativeFrameBytes());
            for (long p = 0; p < pixelsPerFrame; p++, at++) {
                if ((pixels[(int) (p >>> 3)] >> (p & 7) & 1) != 0) {
                    packed[(int) (at >>> 3)] |= (byte) (1 << (at & 7));
                }
            }
        }
        return packed;
    }

    private byte[] nativeFrame(StoredFrame frame, StoredFrames how, long expectedLength) throws IOException {
        byte[] pixels;
        try {
            pixels = frames.decoded(frame, how);
        } catch (UnsupportedPixelsException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (pixels.length != expectedLength) {
            throw new IOException("Frame " + frame.frameId() + " decodes to " + pixels.length
                    + " bytes; the attributes " + "say " + expectedLength);
        }
        return pixels;
    }

    /** Each part opened only when the previous one is exhausted, so one decoded frame is in memory at a time. */
    private static Enumeration<InputStream> openedInTurn(List<BulkData> parts) {
        Iterator<BulkData> remaining = parts.iterator();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return remaining.hasNext();
            }

            @Override
            public InputStream nextElement() {
                try {
                    return remaining.next().openStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
