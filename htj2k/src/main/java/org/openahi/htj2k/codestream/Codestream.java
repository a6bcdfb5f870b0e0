package org.openahi.htj2k.codestream;

import java.util.List;

/**
 * A parsed codestream: the image size, the coding of each tile and where each tile's packets are.
 *
 * @param siz         image and tile size
 * @param ccap15      Ccap15 of the CAP marker (T.814 A.3), or -1 without one
 * @param tlm         a TLM marker was present
 * @param tileParts   number of tile-parts read
 * @param complete    every tile-part was whole and an EOC marker ended the codestream
 * @param tiles       one entry per tile, in tile index order
 */
public record Codestream(Siz siz, int ccap15, boolean tlm, int tileParts, boolean complete, List<Tile> tiles) {

    /**
     * One tile. Its packets are {@code data[start..end)}; the tile-part bodies are joined when there are several.
     * {@code packetHeaders} holds the packet headers when PPM or PPT moved them out of the packets, else null.
     * {@code dataOffset} is where {@code data[start]} was in the input (-1 for a tile without tile-parts); past its
     * first tile-part body a joined tile's positions no longer match the input.
     */
    public record Tile(
            int index, TileCoding coding, byte[] data, int start, int end, byte[] packetHeaders, long dataOffset) {}
}
