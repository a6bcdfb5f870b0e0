package org.openahi.htj2k;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.zip.CRC32;
import org.openahi.htj2k.codestream.Codestream;
import org.openahi.htj2k.codestream.CodestreamReader;
import org.openahi.htj2k.codestream.JoinedTileData;
import org.openahi.htj2k.pipeline.FrameDecoder;

/**
 * Decodes HTJ2K codestreams, raw or in a JP2/JPH file: HT cleanup, SigProp and MagRef passes, placeholder passes,
 * quality layers, all five progression orders, precincts, tiles, 5/3 and 9/7 wavelets with RCT or ICT, at full
 * size or a reduced resolution. Codestreams with JPEG 2000 Part 1 code-blocks are refused.
 *
 * <p>Every problem with the input is an {@link Htj2kException}. An instance keeps its working buffers between images
 * and is not thread-safe; use one per thread. Given an executor it decodes one image on several threads.
 */
public final class Htj2kDecoder {

    /** Default limit on the samples of one decoded image: 2^26 (e.g. 8192 x 8192 grey). */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 26;

    private final FrameDecoder frames;
    private final JoinedTileData joined = new JoinedTileData();

    public Htj2kDecoder() {
        this(DEFAULT_MAX_SAMPLES);
    }

    /** A decoder that refuses images of more than {@code maxSamples} samples (width x height x components). */
    public Htj2kDecoder(long maxSamples) {
        this(maxSamples, null, 1);
    }

    /**
     * A decoder that shares each image's code-blocks and inverse wavelet rows out over {@code parallelism} tasks:
     * the calling thread and {@code parallelism - 1} tasks on {@code executor}, which the caller owns. The output is
     * the same as with one thread.
     */
    public Htj2kDecoder(long maxSamples, ExecutorService executor, int parallelism) {
        this.frames = new FrameDecoder(Math.min(maxSamples, Integer.MAX_VALUE - 8), executor, parallelism);
    }

    /** The header facts, without decoding any pixels. */
    public CodestreamInfo info(byte[] data) throws Htj2kException {
        return FrameDecoder.info(CodestreamReader.read(data));
    }

    /** Decodes at full size. */
    public DecodedImage decode(byte[] data) throws Htj2kException {
        return decode(data, 0);
    }

    /**
     * Decodes at full size into {@code into} when its length is the image's in the raw layout, else into a new array
     * ({@link DecodedImage#nativeBytes} is the one used): a caller decoding frames of one size in turn keeps one
     * buffer rather than a new one per frame. Every byte of the image is written.
     */
    public DecodedImage decode(byte[] data, byte[] into) throws Htj2kException {
        return image(frames.decode(CodestreamReader.read(data, joined), 0, into));
    }

    /**
     * Decodes at a reduced resolution: {@code discardLevels} of the wavelet levels are left out, so the image is
     * about 1/2^discardLevels of full size. The codestream may end after the last packet that resolution needs.
     */
    public DecodedImage decode(byte[] data, int discardLevels) throws Htj2kException {
        return image(frames.decode(CodestreamReader.read(data, joined), discardLevels, null));
    }

    /**
     * CRC-32 of the image decoded at every resolution, from the smallest (all levels discarded) to full size: AWS
     * HealthImaging's PixelDataChecksumFromBaseToFullResolution.
     */
    public List<ResolutionChecksum> checksums(byte[] data) throws Htj2kException {
        Codestream cs = CodestreamReader.read(data, joined);
        int levels = Integer.MAX_VALUE;
        for (Codestream.Tile tile : cs.tiles()) {
            for (var style : tile.coding().styles()) {
                levels = Math.min(levels, style.levels());
            }
        }
        List<ResolutionChecksum> result = new ArrayList<>(levels + 1);
        for (int discard = levels; discard >= 0; discard--) {
            DecodedImage image = image(frames.decode(cs, discard, null));
            CRC32 crc = new CRC32();
            crc.update(image.nativeBytes());
            result.add(new ResolutionChecksum(image.width(), image.height(), crc.getValue()));
        }
        return List.copyOf(result);
    }

    private static DecodedImage image(FrameDecoder.Decoded decoded) {
        return new DecodedImage(
                decoded.info(), decoded.width(), decoded.height(), decoded.discardedLevels(), decoded.nativeBytes());
    }
}
