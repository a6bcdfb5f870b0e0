package org.openahi.htj2k.codestream;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openahi.htj2k.Htj2kException;

/**
 * Reads the main header and the tile-parts of a JPEG 2000 codestream (T.800 Annex A, T.814 Annex A), raw or inside a
 * JP2/JPH file. It checks every length and value the rest of the decoder relies on, so later stages can trust the
 * {@link Codestream} they get.
 */
public final class CodestreamReader {

    static final int SOC = 0xFF4F;
    static final int CAP = 0xFF50;
    static final int SIZ = 0xFF51;
    static final int COD = 0xFF52;
    static final int COC = 0xFF53;
    static final int TLM = 0xFF55;
    static final int PLM = 0xFF57;
    static final int PLT = 0xFF58;
    static final int NLT = 0xFF76;
    static final int QCD = 0xFF5C;
    static final int QCC = 0xFF5D;
    static final int RGN = 0xFF5E;
    static final int POC = 0xFF5F;
    static final int PPM = 0xFF60;
    static final int PPT = 0xFF61;
    static final int CRG = 0xFF63;
    static final int COM = 0xFF64;
    static final int SOT = 0xFF90;
    static final int SOD = 0xFF93;
    static final int EOC = 0xFFD9;

    /** At most this many tiles (Isot is 16 bits). */
    private static final int MAX_TILES = 65_535;

    private static final int MAX_COMPONENTS = 16_384;

    private final byte[] input;
    private ByteReader in;
    private Siz siz;
    private int ccap15 = -1;
    private boolean tlm;
    private Scope main;
    private ByteArrayOutputStream ppm;

    private CodestreamReader(byte[] input) {
        this.input = input;
    }

    /** Parses {@code input}, a raw codestream or a JP2/JPH file holding one. */
    public static Codestream read(byte[] input) throws Htj2kException {
        return new CodestreamReader(input).read();
    }

    private Codestream read() throws Htj2kException {
        int[] range = Boxes.codestreamRange(input);
        in = new ByteReader(input, range[0], range[1]);
        if (in.remaining() < 4 || in.u16() != SOC) {
            throw new Htj2kException(0x0103, "not a JPEG 2000 codestream (no SOC marker)", range[0]);
        }
        if (in.u16() != SIZ) {
            throw new Htj2kException(0x0104, "the SIZ marker must follow SOC", in.position() - 2);
        }
        readSiz();
        int marker = readMainHeader();
        return readTileParts(marker);
    }

    // ---------------------------------------------------------------------------------------------- main header

    private int readMainHeader() throws Htj2kException {
        while (true) {
            int at = in.position();
            int marker = in.u16();
            if (marker == SOT || marker == EOC) {
                return marker;
            }
            int length = segmentLength(at);
            int end = in.position() + length - 2;
            ByteReader outer = in;
            in = outer.segment(length - 2);
            switch (marker) {
                case CAP -> readCap(end);
                case COD -> main.cod = readCod(end, at);
                case COC -> readCoc(main, end, at);
                case QCD -> main.qcd = readQuantization(end, at, -1);
                case QCC -> readQcc(main, end, at);
                case POC -> readPoc(main, end);
                case TLM -> tlm = true;
                case PPM -> readPpm(end);
                case RGN -> readRgn(main, at);
                case NLT -> readNlt(at);
                case SIZ -> throw new Htj2kException(0x0106, "a second SIZ marker", at);
                default -> {
                    if ((marker & 0xFF00) != 0xFF00) {
                        throw new Htj2kException(0x0107, String.format("expected a marker, found 0x%04X", marker), at);
                    }
                    refusePart2(marker, at);
                    // PLM, CRG, COM, CPF and unknown segments carry nothing the decoder needs.
                }
            }
            in = outer;
            in.seek(end);
        }
    }

    /**
     * Part 2 (T.801) marker segments that change how samples are reconstructed: a codestream that has one uses a
     * tool this decoder lacks, which the error names.
     */
    private static void refusePart2(int marker, int at) throws Htj2kException {
        String tool = switch (marker) {
            case 0xFF70 -> "variable DC offset (DCO)";
            case 0xFF71 -> "visual masking (VMS)";
            case 0xFF72 -> "downsampling factor styles (DFS)";
            case 0xFF73 -> "arbitrary decomposition styles (ADS)";
            case 0xFF74, 0xFF75, 0xFF77 -> "array-based multiple component transforms (MCT, MCC, MCO)";
            case 0xFF78 -> "component bit depth definition (CBD)";
            case 0xFF79 -> "arbitrary transformation kernels (ATK)";
            case 0xFF5A, 0xFF5B -> "precinct quantization (QPD, QPC)";
            default -> null;
        };
        if (tool != null) {
            throw new Htj2kException(0x0129, "JPEG 2000 Part 2 " + tool + " is not supported", at);
        }
    }

    private int segmentLength(int markerOffset) throws Htj2kException {
        int length = in.u16();
        if (length < 2 || length - 2 > in.remaining()) {
            throw new Htj2kException(
                    0x0108,
                    String.format(
                            "marker segment 0x%04X has length %d past the end",
                            (input[markerOffset] & 0xFF) << 8 | (input[markerOffset + 1] & 0xFF), length),
                    markerOffset);
        }
        return length;
    }

    private void readSiz() throws Htj2kException {
        int at = in.position() - 2;
        int length = segmentLength(at);
        int rsiz = in.u16();
        int width = in.u32AsInt("Xsiz");
        int height = in.u32AsInt("Ysiz");
        int x0 = in.u32AsInt("XOsiz");
        int y0 = in.u32AsInt("YOsiz");
        int tileWidth = in.u32AsInt("XTsiz");
        int tileHeight = in.u32AsInt("YTsiz");
        int tileX0 = in.u32AsInt("XTOsiz");
        int tileY0 = in.u32AsInt("YTOsiz");
        int count = in.u16();
        if (count < 1 || count > MAX_COMPONENTS || length != 38 + 3 * count) {
            throw new Htj2kException(0x0109, "SIZ has " + count + " components and length " + length, at);
        }
        if (width <= x0
                || height <= y0
                || tileWidth == 0
                || tileHeight == 0
                || tileX0 > x0
                || tileY0 > y0
                || (long) tileX0 + tileWidth <= x0
                || (long) tileY0 + tileHeight <= y0) {
            throw new Htj2kException(
                    0x010A,
                    "SIZ describes an empty image or misplaced tiles: image " + x0 + ","
                            + y0 + ".." + width + "," + height + ", tiles " + tileWidth + "x" + tileHeight + " from "
                            + tileX0
                            + "," + tileY0,
                    at);
        }
        List<Siz.Component> components = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            int ssiz = in.u8();
            int dx = in.u8();
            int dy = in.u8();
            int depth = (ssiz & 0x7F) + 1;
            if (depth > 38 || dx == 0 || dy == 0) {
                throw new Htj2kException(
                        0x010B,
                        "SIZ component " + c + " has depth " + depth + " and sub-sampling " + dx + "x" + dy,
                        at);
            }
            components.add(new Siz.Component(depth, (ssiz & 0x80) != 0, dx, dy));
        }
        siz = new Siz(rsiz, width, height, x0, y0, tileWidth, tileHeight, tileX0, tileY0, List.copyOf(components));
        if ((long) siz.tilesWide() * siz.tilesHigh() > MAX_TILES) {
            throw new Htj2kException(
                    0x010C,
                    "SIZ describes " + (long) siz.tilesWide() * siz.tilesHigh() + " tiles, more than 65535",
                    at);
        }
        main = new Scope();
    }

    private void readCap(int end) throws Htj2kException {
        long pcap = in.u32();
        if ((pcap & 0x0002_0000L) != 0 && in.position() + 2 <= end) {
            // Ccap entries follow Pcap's set bits from the most significant; Part 15 is bit 17.
            int before = Long.bitCount(pcap & 0xFFFC_0000L);
            in.skip(2 * before);
            if (in.position() + 2 <= end) {
                ccap15 = in.u16();
            }
        }
    }

    private void readNlt(int at) throws Htj2kException {
        in.skip(2); // Cnlt
        in.u8(); // BDnlt
        int type = in.u8();
        if (type != 0) {
            throw new Htj2kException(0x010D, "non-linear point transform (NLT type " + type + ") is not supported", at);
        }
    }

    // ------------------------------------------------------------------------------------------- COD, COC, QCD

    private record Cod(int scod, int progression, int layers, int mct, CodingStyle style) {}

    private Cod readCod(int end, int at) throws Htj2kException {
        int scod = in.u8();
        int progression = in.u8();
        int layers = in.u16();
        int mct = in.u8();
        if ((scod & ~0x07) != 0) {
            throw new Htj2kException(
                    0x012B,
                    String.format(
                            "COD style 0x%02X uses Part 2 code-block or precinct "
                                    + "partition offsets, which are not supported",
                            scod),
                    at);
        }
        if (progression > 4 || layers == 0 || mct > 1) {
            throw new Htj2kException(
                    0x010E,
                    "COD has progression " + progression + ", " + layers + " layers, MCT " + mct
                            + (mct > 1 ? " (a Part 2 multiple component transform, not supported)" : ""),
                    at);
        }
        CodingStyle style = readStyle((scod & 1) != 0, end, at);
        return new Cod(scod, progression, layers, mct, style);
    }

    private void readCoc(Scope scope, int end, int at) throws Htj2kException {
        int c = componentIndex(at);
        int scoc = in.u8();
        scope.coc[c] = readStyle((scoc & 1) != 0, end, at);
    }

    private int componentIndex(int at) throws Htj2kException {
        int count = siz.components().size();
        int c = count < 257 ? in.u8() : in.u16();
        if (c >= count) {
            throw new Htj2kException(0x010F, "marker refers to component " + c + " of " + count, at);
        }
        return c;
    }

    /** SPcod / SPcoc: levels, code-block size and style, transform, precinct sizes. */
    private CodingStyle readStyle(boolean precincts, int end, int at) throws Htj2kException {
        int levels = in.u8();
        int xcb = in.u8() + 2;
        int ycb = in.u8() + 2;
        int blockStyle = in.u8();
        int transform = in.u8();
        if (levels > 32 || xcb > 10 || ycb > 10 || xcb + ycb > 12 || transform > 1) {
            throw new Htj2kException(
                    0x0110,
                    "coding style has " + levels + " levels, code-blocks 2^" + xcb + " x 2^"
                            + ycb + ", transform " + transform
                            + (transform > 1 ? " (a Part 2 arbitrary wavelet kernel, not " + "supported)" : ""),
                    at);
        }
        int[] ppx = new int[levels + 1];
        int[] ppy = new int[levels + 1];
        Arrays.fill(ppx, 15);
        Arrays.fill(ppy, 15);
        if (precincts) {
            if (end - in.position() < levels + 1) {
                throw new Htj2kException(0x0111, "coding style lists fewer precinct sizes than resolutions", at);
            }
            for (int r = 0; r <= levels; r++) {
                int p = in.u8();
                ppx[r] = p & 0xF;
                ppy[r] = p >> 4;
                if (r > 0 && (ppx[r] == 0 || ppy[r] == 0)) {
                    throw new Htj2kException(0x0112, "precinct size exponent 0 above resolution 0", at);
                }
            }
        }
        return new CodingStyle(levels, xcb, ycb, blockStyle, transform == 1, ppx, ppy);
    }

    private void readQcc(Scope scope, int end, int at) throws Htj2kException {
        int c = componentIndex(at);
        scope.qcc[c] = readQuantization(end, at, c);
    }

    private Quantization readQuantization(int end, int at, int component) throws Htj2kException {
        int sq = in.u8();
        int style = sq & 0x1F;
        int guard = sq >> 5;
        int bytes = end - in.position();
        int count = switch (style) {
            case Quantization.NONE -> bytes;
            case Quantization.DERIVED -> bytes >= 2 ? 1 : 0;
            case Quantization.EXPOUNDED -> bytes / 2;
            default -> throw new Htj2kException(0x0113, "quantization style " + style + " is undefined", at);
        };
        if (count <= 0 || count > 97 || (style == Quantization.EXPOUNDED && bytes % 2 != 0)) {
            throw new Htj2kException(
                    0x0114,
                    "quantization marker for component " + component + " has " + bytes + " bytes of step sizes",
                    at);
        }
        int[] exponents = new int[count];
        int[] mantissas = new int[count];
        for (int i = 0; i < count; i++) {
            if (style == Quantization.NONE) {
                exponents[i] = in.u8() >> 3;
            } else {
                int v = in.u16();
                exponents[i] = v >> 11;
                mantissas[i] = v & 0x7FF;
            }
        }
        return new Quantization(style, guard, exponents, mantissas);
    }

    /** RGN (T.800 A.6.3): only the max-shift style (Srgn 0) is defined. */
    private void readRgn(Scope scope, int at) throws Htj2kException {
        int c = componentIndex(at);
        int style = in.u8();
        int shift = in.u8();
        if (style != 0) {
            throw new Htj2kException(0x0105, "region of interest style " + style + " is not the max-shift style", at);
        }
        scope.roi[c] = shift;
    }

    private void readPoc(Scope scope, int end) throws Htj2kException {
        boolean wide = siz.components().size() >= 257;
        int entry = wide ? 9 : 7;
        while (end - in.position() >= entry) {
            int at = in.position();
            int rs = in.u8();
            int cs = wide ? in.u16() : in.u8();
            int le = in.u16();
            int re = in.u8();
            int ce = wide ? in.u16() : in.u8();
            int order = in.u8();
            if (ce == 0 && !wide) {
                ce = 256;
            }
            if (order > 4 || re <= rs || ce <= cs) {
                throw new Htj2kException(
                        0x0115,
                        "POC entry has resolutions " + rs + ".." + re + ", components " + cs + ".." + ce + ", order "
                                + order,
                        at);
            }
            scope.poc.add(new ProgressionChange(rs, cs, le, Math.min(re, 33), ce, order));
        }
    }

    private void readPpm(int end) throws Htj2kException {
        in.u8(); // Zppm: markers come in order in practice; their payloads are joined as they appear
        if (ppm == null) {
            ppm = new ByteArrayOutputStream();
        }
        ppm.write(input, in.position(), end - in.position());
    }

    // --------------------------------------------------------------------------------------------- tile-parts

    private Codestream readTileParts(int marker) throws Htj2kException {
        int tiles = siz.tilesWide() * siz.tilesHigh();
        TileBuilder[] builders = new TileBuilder[tiles];
        int tileParts = 0;
        boolean complete = false;
        PackedHeaders packed = ppm == null ? null : new PackedHeaders(ppm.toByteArray());
        while (marker == SOT) {
            int at = in.position() - 2;
            int length = segmentLength(at);
            if (length != 10) {
                throw new Htj2kException(0x0116, "SOT has length " + length, at);
            }
            int index = in.u16();
            long psot = in.u32();
            int part = in.u8();
            in.u8(); // TNsot: not needed, the parts are followed until EOC
            if (index >= tiles) {
                throw new Htj2kException(
                        0x0117, "tile-part of tile " + index + " in an image of " + tiles + " tiles", at);
            }
            TileBuilder tile = builders[index];
            if (tile == null) {
                tile = builders[index] = new TileBuilder(index);
            }
            if (part != tile.parts) {
                throw new Htj2kException(
                        0x0118,
                        "tile " + index + " has tile-part " + part + " where " + tile.parts + " was expected",
                        at);
            }
            tile.parts++;
            tileParts++;
            long partEnd = psot == 0 ? lastTilePartEnd() : at + psot;
            boolean truncated = partEnd > in.position() + in.remaining();
            int end = (int) Math.min(partEnd, in.position() + in.remaining());
            if (psot != 0 && psot < 14) {
                throw new Htj2kException(0x0119, "tile-part length Psot " + psot + " is too short", at);
            }
            readTilePartHeader(tile, end, at);
            tile.addBody(in.position(), end);
            if (packed != null) {
                tile.addPacketHeaders(packed.next(at));
            }
            if (truncated) {
                break; // the packets that are there can still serve a reduced resolution
            }
            in.seek(end);
            if (in.remaining() < 2) {
                break;
            }
            int next = in.u16();
            if (next == EOC) {
                complete = true;
                break;
            }
            marker = next;
        }
        if (marker == EOC && tileParts == 0) {
            throw new Htj2kException(0x011A, "codestream has no tile-parts", in.position() - 2);
        }
        if (marker != SOT && marker != EOC) {
            throw new Htj2kException(
                    0x011B, String.format("expected SOT or EOC, found 0x%04X", marker), in.position() - 2);
        }
        List<Codestream.Tile> result = new ArrayList<>(tiles);
        for (int t = 0; t < tiles; t++) {
            TileBuilder b = builders[t];
            if (b == null) {
                result.add(new Codestream.Tile(t, resolve(new Scope()), new byte[0], 0, 0, null, -1));
            } else {
                result.add(b.build(resolve(b.scope)));
            }
        }
        return new Codestream(siz, ccap15, tlm, tileParts, complete, List.copyOf(result));
    }

    /** Psot 0: the tile-part runs to the EOC marker at the end of the codestream (T.800 A.4.2). */
    private long lastTilePartEnd() {
        int end = in.position() + in.remaining();
        if (end - 2 >= in.position() && input[end - 2] == (byte) 0xFF && input[end - 1] == (byte) 0xD9) {
            return end - 2;
        }
        return end;
    }

    private void readTilePartHeader(TileBuilder tile, int partEnd, int sotOffset) throws Htj2kException {
        Scope scope = tile.scope;
        while (true) {
            if (in.position() + 2 > partEnd) {
                throw new Htj2kException(
                        0x011C, "tile-part header of tile " + tile.index + " has no SOD marker", sotOffset);
            }
            int at = in.position();
            int marker = in.u16();
            if (marker == SOD) {
                return;
            }
            int length = segmentLength(at);
            int end = in.position() + length - 2;
            if (end > partEnd) {
                throw new Htj2kException(0x011D, "marker segment runs past its tile-part", at);
            }
            boolean first = tile.parts == 1;
            ByteReader outer = in;
            in = outer.segment(length - 2);
            switch (marker) {
                case COD -> scope.cod = onlyInFirst(first, readCod(end, at), at);
                case COC -> {
                    onlyInFirst(first, scope, at);
                    readCoc(scope, end, at);
                }
                case QCD -> scope.qcd = onlyInFirst(first, readQuantization(end, at, -1), at);
                case QCC -> {
                    onlyInFirst(first, scope, at);
                    readQcc(scope, end, at);
                }
                case POC -> readPoc(scope, end);
                case PPT -> {
                    in.u8(); // Zppt
                    tile.addPacketHeaders(Arrays.copyOfRange(input, in.position(), end));
                }
                case RGN -> readRgn(scope, at);
                case NLT -> readNlt(at);
                default -> {
                    if ((marker & 0xFF00) != 0xFF00 || marker == SOT || marker == SIZ) {
                        throw new Htj2kException(
                                0x011F,
                                String.format("unexpected marker 0x%04X in a tile-part " + "header", marker),
                                at);
                    }
                    refusePart2(marker, at);
                    // PLT, COM and unknown segments carry nothing the decoder needs.
                }
            }
            in = outer;
            in.seek(end);
        }
    }

    private static <T> T onlyInFirst(boolean first, T value, int at) throws Htj2kException {
        if (!first) {
            throw new Htj2kException(0x0120, "coding or quantization marker after the first tile-part of a tile", at);
        }
        return value;
    }

    private TileCoding resolve(Scope tile) throws Htj2kException {
        Cod cod = tile.cod != null ? tile.cod : main.cod;
        if (cod == null) {
            throw new Htj2kException(0x0121, "no COD marker");
        }
        int count = siz.components().size();
        List<CodingStyle> styles = new ArrayList<>(count);
        List<Quantization> quantization = new ArrayList<>(count);
        int[] roiShifts = new int[count];
        for (int c = 0; c < count; c++) {
            roiShifts[c] = tile.roi[c] >= 0 ? tile.roi[c] : Math.max(0, main.roi[c]);
            CodingStyle style = tile.coc[c] != null
                    ? tile.coc[c]
                    : tile.cod != null ? tile.cod.style : main.coc[c] != null ? main.coc[c] : main.cod.style;
            Quantization q = tile.qcc[c] != null
                    ? tile.qcc[c]
                    : tile.qcd != null ? tile.qcd : main.qcc[c] != null ? main.qcc[c] : main.qcd;
            if (q == null) {
                throw new Htj2kException(0x0122, "no QCD marker");
            }
            int needed = q.style() == Quantization.DERIVED ? 1 : 3 * style.levels() + 1;
            if (q.count() < needed) {
                throw new Htj2kException(
                        0x0123,
                        "quantization of component " + c + " has " + q.count() + " step sizes for " + needed
                                + " subbands");
            }
            styles.add(style);
            quantization.add(q);
        }
        List<ProgressionChange> changes = !tile.poc.isEmpty() ? tile.poc : main.poc;
        return new TileCoding(
                cod.progression,
                cod.layers,
                cod.mct == 1,
                (cod.scod & 2) != 0,
                (cod.scod & 4) != 0,
                List.copyOf(styles),
                List.copyOf(quantization),
                List.copyOf(changes),
                roiShifts);
    }

    /** COD, COC, QCD, QCC and POC of the main header or of one tile (created once SIZ is known). */
    private final class Scope {
        Cod cod;
        final CodingStyle[] coc = new CodingStyle[siz.components().size()];
        Quantization qcd;
        final Quantization[] qcc = new Quantization[siz.components().size()];
        /** RGN shift per component, -1 where this scope has none. */
        final int[] roi = minusOnes(siz.components().size());

        final List<ProgressionChange> poc = new ArrayList<>();
    }

    private static int[] minusOnes(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** The tile-part bodies and packed packet headers of one tile, in tile-part order. */
    private final class TileBuilder {
        final int index;
        final Scope scope = new Scope();
        int parts;
        private final List<int[]> bodies = new ArrayList<>();
        private ByteArrayOutputStream headers;

        TileBuilder(int index) {
            this.index = index;
        }

        void addBody(int start, int end) {
            bodies.add(new int[] {start, end});
        }

        void addPacketHeaders(byte[] bytes) {
            if (headers == null) {
                headers = new ByteArrayOutputStream();
            }
            headers.writeBytes(bytes);
        }

        Codestream.Tile build(TileCoding coding) {
            byte[] packed = headers == null ? null : headers.toByteArray();
            int[] first = bodies.get(0);
            if (bodies.size() == 1) {
                return new Codestream.Tile(index, coding, input, first[0], first[1], packed, first[0]);
            }
            int total = 0;
            for (int[] b : bodies) {
                total += b[1] - b[0];
            }
            byte[] joined = new byte[total];
            int at = 0;
            for (int[] b : bodies) {
                System.arraycopy(input, b[0], joined, at, b[1] - b[0]);
                at += b[1] - b[0];
            }
            return new Codestream.Tile(index, coding, joined, 0, total, packed, first[0]);
        }
    }

    /** The PPM stream: for each tile-part in codestream order, Nppm (32 bits) then that many header bytes. */
    private static final class PackedHeaders {
        private final ByteReader reader;

        PackedHeaders(byte[] data) {
            reader = new ByteReader(data, 0, data.length);
        }

        byte[] next(int sotOffset) throws Htj2kException {
            if (reader.remaining() < 4) {
                throw new Htj2kException(0x0124, "PPM has no packet headers for this tile-part", sotOffset);
            }
            int n = reader.u32AsInt("Nppm");
            if (n > reader.remaining()) {
                throw new Htj2kException(0x0125, "PPM entry of " + n + " bytes runs past the PPM data", sotOffset);
            }
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) reader.u8();
            }
            return out;
        }
    }
}
