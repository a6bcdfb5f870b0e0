package org.openahi.jpeg.markers;

/**
 * One component of the frame header, with the geometry T.81 A.1.1 and A.2 derive from it.
 *
 * @param index              position in the frame header, from 0
 * @param id                 component identifier Ci
 * @param h                  horizontal sampling factor Hi, 1 to 4
 * @param v                  vertical sampling factor Vi
 * @param quantTable         quantisation table selector Tqi (unused by the lossless process)
 * @param width              samples per line of this component: ceil(X * Hi / Hmax)
 * @param height             lines of this component: ceil(Y * Vi / Vmax)
 * @param blocksPerRow       data units per row in a non-interleaved scan: ceil(width / unit)
 * @param blockRows          rows of data units in a non-interleaved scan
 * @param paddedBlocksPerRow data units per row that interleaved MCUs cover: MCUs per row x Hi (at least
 *                           blocksPerRow); the component's sample plane is this wide
 * @param paddedBlockRows    rows of data units that interleaved MCUs cover
 */
public record FrameComponent(
        int index,
        int id,
        int h,
        int v,
        int quantTable,
        int width,
        int height,
        int blocksPerRow,
        int blockRows,
        int paddedBlocksPerRow,
        int paddedBlockRows) {}
