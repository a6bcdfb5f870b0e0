package org.openahi.htj2k.codestream;

/**
 * Room kept by a decoder from one codestream to the next for the data of tiles sent in several tile-parts, which
 * {@link CodestreamReader} joins into one run per tile: with one tile-part per resolution, as openahi writes, that
 * was an array as large as the codestream allocated for every frame. A codestream's tiles point into it until the
 * next codestream is read with it, so it serves one thread.
 */
public final class JoinedTileData {

    private byte[] bytes = new byte[0];

    /** An array of at least {@code length} bytes: this one's, grown when it is shorter. */
    byte[] reserve(int length) {
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        return bytes;
    }
}
