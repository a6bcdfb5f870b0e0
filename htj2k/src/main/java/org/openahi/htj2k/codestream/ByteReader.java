package org.openahi.htj2k.codestream;

import org.openahi.htj2k.Htj2kException;

/** Big-endian reads from a byte array, each checked against the end; offsets in errors count from the input start. */
final class ByteReader {

    private final byte[] data;
    private final int end;
    private final int code;
    private final String what;
    private int pos;

    ByteReader(byte[] data, int start, int end) {
        this(data, start, end, 0x0102, "codestream ends inside a marker segment");
    }

    private ByteReader(byte[] data, int start, int end, int code, String what) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.code = code;
        this.what = what;
    }

    /** A reader of the next {@code length} bytes only: a marker segment, which must hold what its markers need. */
    ByteReader segment(int length) throws Htj2kException {
        need(length);
        return new ByteReader(data, pos, pos + length, 0x0129, "marker segment is too short for its contents");
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    void seek(int position) {
        pos = position;
    }

    int u8() throws Htj2kException {
        need(1);
        return data[pos++] & 0xFF;
    }

    int u16() throws Htj2kException {
        need(2);
        int v = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32() throws Htj2kException {
        need(4);
        long v = (long) (data[pos] & 0xFF) << 24
                | (data[pos + 1] & 0xFF) << 16
                | (data[pos + 2] & 0xFF) << 8
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A u32 that must fit an int (sizes and coordinates above 2^31 - 1 are refused). */
    int u32AsInt(String field) throws Htj2kException {
        int at = pos;
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw new Htj2kException(0x0101, field + " " + v + " is larger than this decoder supports", at);
        }
        return (int) v;
    }

    void skip(int n) throws Htj2kException {
        need(n);
        pos += n;
    }

    private void need(int n) throws Htj2kException {
        if (end - pos < n) {
            throw new Htj2kException(code, what, pos);
        }
    }
}
