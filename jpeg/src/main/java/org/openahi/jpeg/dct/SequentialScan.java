package org.openahi.jpeg.dct;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.openahi.jpeg.JpegException;
import org.openahi.jpeg.entropy.BitReader;
import org.openahi.jpeg.entropy.HuffmanTable;
import org.openahi.jpeg.image.Plane;
import org.openahi.jpeg.markers.FrameComponent;
import org.openahi.jpeg.markers.FrameHeader;
import org.openahi.jpeg.markers.ScanHeader;

/**
 * Decodes one scan of a sequential DCT frame (baseline or extended, Huffman coding; T.81 F.2): each block's DC
 * difference and AC run/size codes, then its inverse DCT straight into the component's plane, into the output
 * image for a component written there directly ({@link DirectOutput}), or into its half of the plane Cb and Cr share
 * ({@link ChromaOutput}).
 */
public final class SequentialScan {

    private final FrameHeader frame;
    private final ScanHeader scan;
    private final HuffmanTable[] dc;
    private final HuffmanTable[] ac;
    private final int[][] quant;
    private final Plane[] planes;
    private final DirectOutput[] direct;
    private final ChromaOutput[] chroma;
    private final Idct idct;
    private final short[] block = new short[64];
    /** Natural positions of the AC coefficients set in {@link #block}, to clear them after the transform. */
    private final int[] written = new int[63];

    private int writtenCount;

    /**
     * @param dc     DC table of each scan component
     * @param ac     AC table of each scan component
     * @param quant  quantisation table (natural order) of each scan component
     * @param planes plane of each scan component (null for one written directly or into a shared chroma plane)
     * @param direct where each scan component written directly into the output goes, else null
     * @param chroma where each scan component written into a shared chroma plane goes, else null
     */
    public SequentialScan(
            FrameHeader frame,
            ScanHeader scan,
            HuffmanTable[] dc,
            HuffmanTable[] ac,
            int[][] quant,
            Plane[] planes,
            DirectOutput[] direct,
            ChromaOutput[] chroma,
            Idct idct) {
        this.frame = frame;
        this.scan = scan;
        this.dc = dc;
        this.ac = ac;
        this.quant = quant;
        this.planes = planes;
        this.direct = direct;
        this.chroma = chroma;
        this.idct = idct;
    }

    /**
     * Decodes the scan; after each row of MCUs (of blocks in a non-interleaved scan) whose data are complete, tells
     * {@code rowsDone} how many rows are done.
     */
    public void decode(BitReader in, int restartInterval, IntConsumer rowsDone) throws JpegException {
        List<FrameComponent> comps = scan.components();
        int n = comps.size();
        int[] predictions = new int[n];
        int restarts = 0;
        int mcu = 0;
        if (!scan.interleaved()) {
            FrameComponent c = comps.get(0);
            for (int by = 0; by < c.blockRows(); by++) {
                for (int bx = 0; bx < c.blocksPerRow(); bx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(restarts++ & 7);
                        predictions[0] = 0;
                    }
                    decodeBlock(in, 0, predictions);
                    transform(0, bx, by);
                }
                in.checkNotOverrun("block row", by);
                rowsDone.accept(by + 1);
            }
        } else {
            int[] hs = new int[n];
            int[] vs = new int[n];
            for (int i = 0; i < n; i++) {
                hs[i] = comps.get(i).h();
                vs[i] = comps.get(i).v();
            }
            for (int my = 0; my < frame.mcuRows(); my++) {
                for (int mx = 0; mx < frame.mcusPerRow(); mx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(restarts++ & 7);
                        Arrays.fill(predictions, 0);
                    }
                    for (int i = 0; i < n; i++) {
                        for (int v = 0; v < vs[i]; v++) {
                            for (int h = 0; h < hs[i]; h++) {
                                decodeBlock(in, i, predictions);
                                transform(i, mx * hs[i] + h, my * vs[i] + v);
                            }
                        }
                    }
                }
                in.checkNotOverrun("MCU row", my);
                rowsDone.accept(my + 1);
            }
        }
        in.checkNotOverrun("the scan");
    }

    /**
     * The inverse DCT of scan component {@code i}'s block in block column {@code bx}, row {@code by}, into its plane,
     * the output or its half of the chroma plane; then the block cleared for the next one.
     */
    private void transform(int i, int bx, int by) {
        int shape = 0;
        for (int k = 0; k < writtenCount; k++) {
            shape |= Idct.shapeOf(written[k]);
        }
        if (direct[i] != null) {
            direct[i].transform(idct, block, quant[i], bx, by, shape);
        } else if (chroma[i] != null) {
            chroma[i].transform(idct, block, quant[i], bx, by, shape);
        } else {
            Plane plane = planes[i];
            idct.transform(
                    block, 0, quant[i], plane.samples(), plane.rowOffset(by * 8) + bx * 8, plane.stride(), shape);
        }
        for (int k = 0; k < writtenCount; k++) {
            block[written[k]] = 0;
        }
    }

    /** One block's coefficients (T.81 F.2.2.1, F.2.2.2) into {@link #block}, in natural order. */
    private void decodeBlock(BitReader in, int i, int[] predictions) throws JpegException {
        writtenCount = ac[i].decodeBlock(in, dc[i], block, written);
        predictions[i] += block[0];
        block[0] = (short) predictions[i];
    }
}
