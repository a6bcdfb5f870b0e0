package org.openahi.dimse.ul;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts a command or data set into P-DATA-TF PDUs of one presentation data value each, none longer than the peer
 * receives. A full buffer is sent only once more bytes follow, so the last value always carries the "last fragment"
 * bit, however the length divides.
 */
final class PDataOutputStream extends OutputStream {
    private final OutputStream out;
    private final int contextId;
    private final boolean command;
    private final byte[] buffer;
    private int count;
    private long sent;
    private boolean finished;

    /** @param maxValueLength the longest value a PDU may carry: the peer's maximum PDU length less 6 */
    PDataOutputStream(OutputStream out, int contextId, boolean command, int maxValueLength) {
        this.out = out;
        this.contextId = contextId;
        this.command = command;
        this.buffer = new byte[maxValueLength];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                flushValue(false);
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered as the last fragment. */
    void finish() throws IOException {
        if (!finished) {
            flushValue(true);
            finished = true;
        }
    }

    /** Bytes of values sent so far. */
    long sent() {
        return sent;
    }

    private void flushValue(boolean last) throws IOException {
        PduWriter.writePDataHeader(out, contextId, command, last, count);
        out.write(buffer, 0, count);
        sent += count;
        count = 0;
    }

    /** Does not close the association's stream. */
    @Override
    public void close() {}
}
