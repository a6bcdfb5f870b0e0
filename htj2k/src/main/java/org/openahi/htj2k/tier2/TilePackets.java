package org.openahi.htj2k.tier2;

import java.util.ArrayList;
import java.util.List;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.codestream.Codestream;
import org.openahi.htj2k.codestream.CodingStyle;
import org.openahi.htj2k.codestream.ComponentLayout;
import org.openahi.htj2k.codestream.Siz;
import org.openahi.htj2k.codestream.TileCoding;

/**
 * Reads the packets of one tile (T.800 B.9, B.10): walks them in progression order, decodes their headers and
 * records, for every code-block, the segments of coded data and where they are. Precincts come into being when
 * their first packet is read.
 *
 * <p>Packets of resolutions above what the caller needs are read only to find the packets after them; when the
 * data ends early the tile still decodes as long as everything needed came before the end.
 */
public final class TilePackets {

    /** More code-blocks than this in one tile are refused. */
    private static final long MAX_BLOCKS = 1L << 22;

    private final PacketSequence sequence;
    private final Precinct[] precincts;
    private long blocks;

    private TilePackets(PacketSequence sequence) {
        this.sequence = sequence;
        this.precincts = new Precinct[sequence.entries];
    }

    /** The precinct {@code k} of resolution {@code r} of component {@code c}, or null when no packet reached it. */
    public Precinct precinct(int c, int r, int k) {
        return precincts[sequence.base[c][r] + k];
    }

    /**
     * Reads tile {@code tile}'s packets.
     *
     * @param maxResolution per component, the highest resolution the caller will decode
     */
    public static TilePackets read(Siz siz, Codestream.Tile tile, ComponentLayout[] layouts, int[] maxResolution)
            throws Htj2kException {
        TileCoding coding = tile.coding();
        byte[] headers = tile.packetHeaders();
        int headerBytes = headers != null ? headers.length : tile.end() - tile.start();
        int maxResolutions = 0;
        for (ComponentLayout l : layouts) {
            maxResolutions = Math.max(maxResolutions, l.resolutions().length);
        }
        PacketSequence sequence = new PacketSequence(siz, siz.tileArea(tile.index()), layouts, headerBytes + 1);
        sequence.build(coding.progression(), coding.layers(), coding.changes(), layouts.length, maxResolutions);
        TilePackets result = new TilePackets(sequence);
        result.readAll(tile, layouts, maxResolution);
        return result;
    }

    private void readAll(Codestream.Tile tile, ComponentLayout[] layouts, int[] maxResolution) throws Htj2kException {
        TileCoding coding = tile.coding();
        byte[] data = tile.data();
        // Error offsets: positions in the input, relative to the tile's first body (approximate past it for tiles
        // joined from several tile-parts; for packed headers, the tile's first body).
        long base = tile.dataOffset() - tile.start();
        PacketHeaderReader header = new PacketHeaderReader();
        boolean packed = tile.packetHeaders() != null;
        if (packed) {
            header.reset(tile.packetHeaders(), 0, tile.packetHeaders().length, tile.dataOffset());
        }
        int pos = tile.start();
        int end = tile.end();
        List<CodeBlock> contributors = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            int entry = sequence.entry(i);
            int c = sequence.component(entry);
            int r = sequence.resolution(entry);
            if (pos >= end && !packed) {
                checkNothingNeeded(i, maxResolution, base + pos);
                return;
            }
            if (coding.sop() && end - pos >= 6 && data[pos] == (byte) 0xFF && data[pos + 1] == (byte) 0x91) {
                pos += 6;
            }
            if (!packed) {
                header.reset(data, pos, end, base);
            }
            Precinct precinct = precincts[entry];
            if (precinct == null) {
                ComponentLayout.Resolution res = layouts[c].resolutions()[r];
                int k = entry - sequence.base[c][r];
                precinct = new Precinct(res, k % res.precinctsWide(), k / res.precinctsWide());
                blocks += precinct.blockCount();
                if (blocks > MAX_BLOCKS) {
                    throw new Htj2kException(0x0208, "tile has more than " + MAX_BLOCKS + " code-blocks");
                }
                precincts[entry] = precinct;
            }
            contributors.clear();
            try {
                readHeader(
                        header, precinct, sequence.layer(i), layouts[c].style().blockStyle(), contributors);
                if (coding.eph()) {
                    skipEph(header);
                }
            } catch (Htj2kException e) {
                if (e.code() == 0x0202 && !neededFrom(i, maxResolution)) {
                    return; // cut short after the last packet the caller needs
                }
                throw e;
            }
            long body = packed ? pos : header.pos();
            for (CodeBlock block : contributors) {
                body = block.placeSegments(body);
            }
            if (body > end) {
                if (!neededFrom(i, maxResolution)) {
                    return;
                }
                throw new Htj2kException(
                        0x0209,
                        "packet data of component " + c + ", resolution " + r + " runs past the end of the tile data",
                        base + Math.min(body, end));
            }
            pos = (int) body;
        }
        if (sequence.cut()) {
            checkNothingNeeded(sequence.size(), maxResolution, base + pos);
        }
    }

    private void checkNothingNeeded(int from, int[] maxResolution, long offset) throws Htj2kException {
        if (neededFrom(from, maxResolution) || sequence.cut()) {
            throw new Htj2kException(0x020A, "tile data ends before all packets needed were read", offset);
        }
    }

    /** True when packet {@code from} or a later one belongs to a resolution the caller needs. */
    private boolean neededFrom(int from, int[] maxResolution) {
        for (int i = from; i < sequence.size(); i++) {
            int e = sequence.entry(i);
            if (sequence.resolution(e) <= maxResolution[sequence.component(e)]) {
                return true;
            }
        }
        return false;
    }

    private static void skipEph(PacketHeaderReader header) throws Htj2kException {
        int p = header.pos();
        byte[] d = header.data();
        if (header.end() - p >= 2 && d[p] == (byte) 0xFF && d[p + 1] == (byte) 0x92) {
            header.seek(p + 2);
        }
    }

    /** One packet header (T.800 B.10): inclusion, missing bit-planes, passes and segment lengths per code-block. */
    private static void readHeader(
            PacketHeaderReader in, Precinct precinct, int layer, int blockStyle, List<CodeBlock> contributors)
            throws Htj2kException {
        boolean ht = (blockStyle & CodingStyle.STYLE_HT) != 0;
        if (in.bit() == 0) {
            in.align();
            return;
        }
        for (int b = 0; b < precinct.bands.length; b++) {
            CodeBlock[] blocks = precinct.blocks[b];
            int wide = precinct.blocksWide[b];
            for (int k = 0; k < blocks.length; k++) {
                CodeBlock block = blocks[k];
                int x = k % wide;
                int y = k / wide;
                boolean included;
                if (!block.included) {
                    included = precinct.inclusion[b].decode(in, x, y, layer + 1);
                } else {
                    included = in.bit() != 0;
                }
                if (!included) {
                    continue;
                }
                if (!block.included) {
                    block.zeroBitplanes = precinct.zeroBitplanes[b].decodeValue(in, x, y, 74);
                    block.included = true;
                }
                int passes = passCount(in);
                while (in.bit() != 0) {
                    if (++block.lblock > 28) {
                        throw new Htj2kException(0x020B, "code-block length field of more than 28 bits", in.position());
                    }
                }
                if (ht) {
                    block.readLengths(in, passes);
                } else {
                    block.readPart1Lengths(in, passes, blockStyle);
                }
                contributors.add(block);
            }
        }
        in.align();
    }

    /** Number of coding passes (T.800 Table B.4): 1 to 164. */
    private static int passCount(PacketHeaderReader in) throws Htj2kException {
        if (in.bit() == 0) {
            return 1;
        }
        if (in.bit() == 0) {
            return 2;
        }
        int v = in.bits(2);
        if (v < 3) {
            return 3 + v;
        }
        v = in.bits(5);
        if (v < 31) {
            return 6 + v;
        }
        return 37 + in.bits(7);
    }
}
