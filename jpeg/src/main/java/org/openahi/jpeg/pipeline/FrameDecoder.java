package org.openahi.jpeg.pipeline;

import java.util.List;
import org.openahi.jpeg.ColourConversion;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.JpegInfo;
import org.openahi.jpeg.JpegProcess;
import org.openahi.jpeg.colour.Interleaver;
import org.openahi.jpeg.dct.ChromaOutput;
import org.openahi.jpeg.dct.DirectOutput;
import org.openahi.jpeg.dct.Idct;
import org.openahi.jpeg.dct.SequentialScan;
import org.openahi.jpeg.entropy.BitReader;
import org.openahi.jpeg.entropy.HuffmanTable;
import org.openahi.jpeg.image.ChromaPlane;
import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.lossless.LosslessScan;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;
import org.openahi.jpeg.markers.MarkerReader;
import org.openahi.jpeg.markers.Markers;
import org.openahi.jpeg.markers.ScanHeader;
import org.openahi.jpeg.markers.Segment;
import org.openahi.jpeg.markers.Tables;
import org.openahi.jpeg.progressive.Coefficients;
import org.openahi.jpeg.progressive.ProgressiveScan;

/**
 * Decodes one JPEG stream: walks its markers (T.81 B.2), keeps the tables in force, decodes each scan into the
 * components' planes as it comes, then brings the planes to full resolution and interleaves them. One instance per
 * stream.
 */
public final class FrameDecoder {

    private final byte[] data;
    private final long maxSamples;
    private final MarkerReader reader;
    private final Tables tables = new Tables();
    private FrameHeader frame;
    private ScanHeader firstScan;
    private int firstRestartInterval;
    private boolean jfif;
    private int adobeTransform = -1;
    // Decoding state, allocated when the frame header is read.
    private Plane[] planes;
    /** Where the components the inverse DCT writes straight into the output go (null for the others). */
    private DirectOutput[] direct;
    /** Where Cb and Cr go when they share a plane ({@link Interleaver#sharesChroma}; null for the others). */
    private ChromaOutput[] chroma;

    private int[][] quant;
    private int[] pointTransforms;
    private boolean[] scanned;
    private Coefficients coefficients;
    private Idct idct;
    private boolean toRgb;
    /** Set when the frame has one sequential DCT scan: it writes the output as the scan is decoded. */
    private Interleaver streaming;

    public FrameDecoder(byte[] data, long maxSamples) throws JpegException {
        this.data = data;
        this.maxSamples = maxSamples;
        this.reader = new MarkerReader(data);
    }

    /** The header facts: reads markers up to the first scan header. */
    public JpegInfo info() throws JpegException {
        run(true);
        return info(firstScan);
    }

    /** A decoded frame: its header facts and its samples interleaved, as native pixel data. */
    public record Decoded(JpegInfo info, byte[] nativeBytes) {}

    public Decoded decode(ColourConversion conversion) throws JpegException {
        toRgb = conversion == ColourConversion.YBR_TO_RGB;
        boolean ended = run(false);
        for (FrameComponent c : frame.components()) {
            if (!scanned[c.index()] || coefficients != null && !coefficients.hasDc(c)) {
                throw new JpegException(
                        "the stream " + (ended ? "ends with EOI" : "ends") + " before component " + c.id() + " has had "
                                + (coefficients != null ? "its DC scan" : "a scan"),
                        reader.position());
            }
        }
        if (coefficients != null) {
            if (!ended) {
                throw new JpegException(
                        "the progressive stream ends without EOI: later scans may be missing", reader.position());
            }
            coefficients.transform(planes, quant, idct);
        }
        JpegInfo info = info(firstScan);
        if (streaming != null) {
            streaming.writeLines(frame.height());
            return new Decoded(info, streaming.output());
        }
        return new Decoded(info, Interleaver.assemble(frame, planes, pointTransforms, toRgb));
    }

    private JpegInfo info(ScanHeader scan) {
        boolean lossless = frame.lossless();
        return new JpegInfo(
                frame.width(),
                frame.height(),
                frame.components().size(),
                frame.precision(),
                JpegProcess.of(frame.marker()),
                frame.sampling(),
                lossless ? scan.ss() : 0,
                lossless ? scan.al() : 0,
                firstRestartInterval,
                jfif,
                adobeTransform);
    }

    /**
     * Reads markers until EOI (true), the end of the data (false) or, with {@code headersOnly}, the first scan
     * header.
     */
    private boolean run(boolean headersOnly) throws JpegException {
        while (true) {
            int marker = reader.next();
            if (marker < 0) {
                if (frame == null || firstScan == null) {
                    throw new JpegException(
                            "the stream ends before " + (frame == null ? "a frame header (SOF)" : "a scan (SOS)"),
                            data.length);
                }
                return false;
            }
            int at = reader.markerOffset();
            if (Markers.isSof(marker)) {
                readFrame(marker, at, headersOnly);
                continue;
            }
            switch (marker) {
                case Markers.DHT -> tables.readDht(reader.segment(marker));
                case Markers.DQT -> tables.readDqt(reader.segment(marker));
                case Markers.DRI -> tables.readDri(reader.segment(marker));
                case Markers.APP0 -> readJfif(reader.segment(marker));
                case Markers.APP14 -> readAdobe(reader.segment(marker));
                case Markers.SOS -> {
                    if (frame == null) {
                        throw new JpegException("SOS before any frame header (SOF)", at);
                    }
                    ScanHeader scan = ScanHeader.read(reader.segment(marker), frame, at);
                    if (firstScan == null) {
                        firstScan = scan;
                        firstRestartInterval = tables.restartInterval();
                        if (frame.lossless()) {
                            LosslessScan.check(frame, scan);
                        }
                        if (headersOnly) {
                            return false;
                        }
                    }
                    decodeScan(scan);
                }
                case Markers.EOI -> {
                    if (frame == null || firstScan == null) {
                        throw new JpegException(
                                "EOI before " + (frame == null ? "a frame header (SOF)" : "a scan (SOS)"), at);
                    }
                    return true;
                }
                case Markers.SOI -> throw new JpegException("a second SOI inside the stream", at);
                case Markers.DNL ->
                    throw new JpegException(
                            "DNL (number of lines after the first scan) is not read by this " + "decoder", at);
                case Markers.DHP, Markers.EXP ->
                    throw new JpegException(Markers.name(marker) + ": hierarchical JPEG is not " + "decoded", at);
                default -> {
                    if (!Markers.standalone(marker)) {
                        reader.skip(marker);
                    }
                }
            }
        }
    }

    private void readFrame(int marker, int at, boolean headersOnly) throws JpegException {
        if (frame != null) {
            throw new JpegException("a second frame header (" + Markers.name(marker) + ")", at);
        }
        if (marker > Markers.SOF3) {
            int n = marker - Markers.SOF0;
            boolean hierarchical = n % 8 >= 5;
            boolean arithmetic = n >= 9;
            throw new JpegException(
                    Markers.name(marker) + ": " + (hierarchical ? "hierarchical " : "")
                            + (arithmetic ? "arithmetic-coded " : "")
                            + "JPEG is not decoded (only SOF0 to SOF3, Huffman-coded)",
                    at);
        }
        frame = FrameHeader.read(reader.segment(marker));
        long samples =
                (long) frame.width() * frame.height() * frame.components().size();
        if (samples > maxSamples) {
            throw new JpegException(
                    Markers.name(marker) + " declares " + frame.width() + " x " + frame.height() + " x "
                            + frame.components().size() + " samples, over this decoder's budget of " + maxSamples,
                    at);
        }
        if (headersOnly) {
            return;
        }
        int n = frame.components().size();
        quant = new int[n][];
        pointTransforms = new int[n];
        scanned = new boolean[n];
        if (!frame.lossless()) {
            idct = new Idct(frame.precision());
        }
        if (frame.progressive()) {
            coefficients = new Coefficients(frame);
        }
    }

    /**
     * The components' planes, made when the first scan starts: a sequential DCT frame whose first scan holds every
     * component has no other scan, so its planes are rings of three rows of MCUs (of blocks when the scan is not
     * interleaved) and its output lines are written one row of MCUs behind the scan (fancy upsampling reads the row
     * below); any other frame keeps whole planes until its last scan.
     */
    private void makePlanes(ScanHeader scan) {
        boolean oneScan = !frame.lossless()
                && !frame.progressive()
                && scan.components().size() == frame.components().size();
        int n = frame.components().size();
        planes = new Plane[n];
        direct = new DirectOutput[n];
        chroma = new ChromaOutput[n];
        ChromaPlane shared = null;
        if (oneScan && Interleaver.sharesChroma(frame, toRgb)) {
            FrameComponent c = frame.components().get(1);
            int rows = Math.min(c.paddedBlockRows() * frame.unit(), 3 * frame.unit() * c.v());
            shared = new ChromaPlane(c.width(), c.height(), c.paddedBlocksPerRow() * frame.unit(), rows);
            chroma[1] = new ChromaOutput(shared, false);
            chroma[2] = new ChromaOutput(shared, true);
        }
        for (FrameComponent c : frame.components()) {
            if (oneScan && Interleaver.writtenDirectly(frame, c, toRgb) || chroma[c.index()] != null) {
                continue;
            }
            int rows = c.paddedBlockRows() * frame.unit();
            if (oneScan) {
                rows = Math.min(rows, 3 * frame.unit() * (scan.interleaved() ? c.v() : 1));
            }
            planes[c.index()] = new Plane(c.width(), c.height(), c.paddedBlocksPerRow() * frame.unit(), rows);
        }
        if (oneScan) {
            streaming = new Interleaver(frame, planes, shared, pointTransforms, toRgb);
            for (FrameComponent c : frame.components()) {
                if (planes[c.index()] == null && chroma[c.index()] == null) {
                    direct[c.index()] =
                            new DirectOutput(streaming.buffer(), c.index(), n, frame.width(), frame.height());
                }
            }
        }
    }

    private void decodeScan(ScanHeader scan) throws JpegException {
        if (planes == null) {
            makePlanes(scan);
        }
        List<FrameComponent> comps = scan.components();
        int n = comps.size();
        HuffmanTable[] dc = new HuffmanTable[n];
        HuffmanTable[] ac = new HuffmanTable[n];
        Plane[] scanPlanes = new Plane[n];
        DirectOutput[] scanDirect = new DirectOutput[n];
        ChromaOutput[] scanChroma = new ChromaOutput[n];
        int[][] scanQuant = new int[n][];
        boolean dcNeeded = !frame.progressive() || scan.ss() == 0 && scan.ah() == 0;
        boolean acNeeded = !frame.lossless() && (!frame.progressive() || scan.ss() > 0);
        for (int i = 0; i < n; i++) {
            FrameComponent c = comps.get(i);
            if (scanned[c.index()] && !frame.progressive()) {
                throw new JpegException(
                        "component " + c.id() + " appears in a second scan, which only a progressive frame " + "allows",
                        scan.offset());
            }
            scanned[c.index()] = true;
            if (dcNeeded) {
                dc[i] = tables.dc(scan.dcTables()[i], c.id(), scan.offset());
            }
            if (acNeeded) {
                ac[i] = tables.ac(scan.acTables()[i], c.id(), scan.offset());
            }
            if (!frame.lossless() && quant[c.index()] == null) {
                // IJG latches a component's table when its first scan starts; later DQTs do not change it.
                quant[c.index()] = tables.quant(c.quantTable(), c.id(), scan.offset());
            }
            scanPlanes[i] = planes[c.index()];
            scanDirect[i] = direct[c.index()];
            scanChroma[i] = chroma[c.index()];
            scanQuant[i] = quant[c.index()];
            pointTransforms[c.index()] = frame.lossless() ? scan.al() : 0;
        }
        int headerEnd = reader.position();
        BitReader in = new BitReader(data, headerEnd);
        int restartInterval = tables.restartInterval();
        if (frame.lossless()) {
            new LosslessScan(frame, scan, dc, scanPlanes).decode(in, restartInterval);
        } else if (frame.progressive()) {
            coefficients.admit(scan);
            short[][] blocks = new short[n][];
            for (int i = 0; i < n; i++) {
                blocks[i] = coefficients.blocks(comps.get(i));
            }
            new ProgressiveScan(frame, scan, dc, ac, blocks).decode(in, restartInterval);
        } else {
            int linesPerRow = frame.unit() * (scan.interleaved() ? frame.maxV() : 1);
            new SequentialScan(frame, scan, dc, ac, scanQuant, scanPlanes, scanDirect, scanChroma, idct)
                    .decode(in, restartInterval, rows -> {
                        if (streaming != null) {
                            streaming.writeLines((rows - 1) * linesPerRow);
                        }
                    });
        }
        reader.seek(in.markerPosition());
    }

    private void readJfif(Segment s) throws JpegException {
        if (s.remaining() >= 5) {
            byte[] id = s.bytes(5);
            jfif |= id[0] == 'J' && id[1] == 'F' && id[2] == 'I' && id[3] == 'F' && id[4] == 0;
        }
    }

    /** APP14 "Adobe": version (2 bytes), flags0, flags1 (2 each), transform (1). */
    private void readAdobe(Segment s) throws JpegException {
        if (s.remaining() >= 12) {
            byte[] b = s.bytes(12);
            if (b[0] == 'A' && b[1] == 'd' && b[2] == 'o' && b[3] == 'b' && b[4] == 'e') {
                adobeTransform = b[11] & 0xFF;
            }
        }
    }
}
