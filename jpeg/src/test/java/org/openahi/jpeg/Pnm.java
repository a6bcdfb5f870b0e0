package org.openahi.jpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** 8-bit PGM (one component) and PPM (three) files, the image format cjpeg reads and djpeg writes. */
record Pnm(int width, int height, int components, byte[] samples) {

    void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(((components == 1 ? "P5" : "P6") + "\n" + width + " " + height + "\n255\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(samples);
        Files.write(file, out.toByteArray());
    }

    /** Parses a binary PGM or PPM with maxval 255 (no comments: what djpeg writes). */
    static Pnm parse(byte[] b) {
        int[] fields = new int[4];
        int pos = 0;
        for (int f = 0; f < 4; f++) {
            while (Character.isWhitespace(b[pos])) {
                pos++;
            }
            int start = pos;
            while (!Character.isWhitespace(b[pos])) {
                pos++;
            }
            String token = new String(b, start, pos - start, StandardCharsets.US_ASCII);
            fields[f] = f == 0 ? (token.equals("P5") ? 1 : 3) : Integer.parseInt(token);
        }
        pos++;
        return new Pnm(fields[1], fields[2], fields[0], Arrays.copyOfRange(b, pos, b.length));
    }

    /** The top-left {@code w x h} of the image. */
    Pnm crop(int w, int h) {
        byte[] out = new byte[w * h * components];
        for (int y = 0; y < h; y++) {
            System.arraycopy(samples, y * width * components, out, y * w * components, w * components);
        }
        return new Pnm(w, h, components, out);
    }

    /** The second component of a colour image as a grey one. */
    Pnm green() {
        byte[] out = new byte[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i * components + 1];
        }
        return new Pnm(width, height, 1, out);
    }
}
