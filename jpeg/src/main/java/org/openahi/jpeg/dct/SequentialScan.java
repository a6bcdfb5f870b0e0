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
 * difference and AC run/size codes, then its inverse DCT straight into the component's plane.
 */
public final class SequentialScan {

    private final FrameHeader frame;
    private final ScanHeader scan;
    private final HuffmanTable[] dc;
    private final HuffmanTable[] ac;
    private final int[][] quant;
    private final Plane[] planes;
    private final Idct idct;
    private final short[] block = new short[64];
    /** Natural positions of the AC coefficients set in {@link #block}, to clear them after the transform. */
    private final int[] written = new int[63];

    private int writtenCount;

    /**
     * @param dc     DC table of each scan component
     * @param ac     AC table of each scan component
     * @param quant  quantisation table (natural order) of each scan component
     * @param planes plane of each scan component
     */
    public SequentialScan(
            FrameHeader frame,
            ScanHeader scan,
            HuffmanTable[] dc,
            HuffmanTable[] ac,
            int[][] quant,
            Plane[] planes,
            Idct idct) {
        this.frame = frame;
        this.scan = scan;
        this.dc = dc;
        this.ac = ac;
        this.quant = quant;
        this.planes = planes;
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
            Plane plane = planes[0];
            int stride = plane.stride();
            for (int by = 0; by < c.blockRows(); by++) {
                int row = plane.rowOffset(by * 8);
                for (int bx = 0; bx < c.blocksPerRow(); bx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(restarts++ & 7);
                        predictions[0] = 0;
                    }
                    decodeBlock(in, 0, predictions);
                    transform(quant[0], plane.samples(), row + bx * 8, stride);
                }
                in.checkNotOverrun("block row " + by);
                rowsDone.accept(by + 1);
            }
        } else {
            for (int my = 0; my < frame.mcuRows(); my++) {
                for (int mx = 0; mx < frame.mcusPerRow(); mx++, mcu++) {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                        in.restart(restarts++ & 7);
                        Arrays.fill(predictions, 0);
                    }
                    for (int i = 0; i < n; i++) {
                        FrameComponent c = comps.get(i);
                        Plane plane = planes[i];
                        int stride = plane.stride();
                        for (int v = 0; v < c.v(); v++) {
                            int row = plane.rowOffset((my * c.v() + v) * 8);
                            for (int h = 0; h < c.h(); h++) {
                                decodeBlock(in, i, predictions);
                                transform(quant[i], plane.samples(), row + (mx * c.h() + h) * 8, stride);
                            }
                        }
                    }
                }
                in.checkNotOverrun("MCU row " + my);
                rowsDone.accept(my + 1);
            }
        }
        in.checkNotOverrun("the scan");
    }

    /** The block's inverse DCT into the plane, then the block cleared for the next one. */
    private void transform(int[] q, short[] out, int at, int stride) {
        if (writtenCount == 0) {
            idct.transformDc(block[0], q[0], out, at, stride);
            return;
        }
        int shape = 0;
        for (int i = 0; i < writtenCount; i++) {
            shape |= Idct.shapeOf(written[i]);
        }
        idct.transform(block, 0, q, out, at, stride, shape);
        for (int i = 0; i < writtenCount; i++) {
            block[written[i]] = 0;
        }
    }

    /** One block's coefficients (T.81 F.2.2.1, F.2.2.2) into {@link #block}, in natural order. */
    private void decodeBlock(BitReader in, int i, int[] predictions) throws JpegException {
        predictions[i] += dc[i].decodeDifference(in, HuffmanTable.DCT_MAX_CATEGORY);
        block[0] = (short) predictions[i];
        writtenCount = ac[i].decodeAc(in, block, written);
    }
}
