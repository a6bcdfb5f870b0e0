package org.openahi.htj2k.ht;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CxtVLC code of T.814 Annex C as lookup tables, built once from the two code tables in this package's
 * resources (one for the first quad row of a code-block, one for the others).
 *
 * <p>Decoding tables are indexed by {@code context << 7 | next 7 stream bits} and hold
 * {@code e_k << 12 | e_1 << 8 | rho << 4 | u_off << 3 | codeword length}, with bit 31 set when the quad is
 * significant in its right column (rho bit 2 or 3), which outside the first row sets context bit 1 of the quad to its
 * right ({@code entry >>> 23} is that bit at its place in the next index); an entry of 0 is no codeword.
 * Encoding tables are indexed by {@code context << 8 | rho << 4 | emb}, where emb marks the samples whose
 * exponent equals the quad's maximum (0 when u_off is 0), and hold {@code codeword << 8 | length << 4 | e_k}.
 */
final class VlcTables {

    static final int[] DECODE_FIRST_ROW = new int[1024];
    static final int[] DECODE_OTHER_ROWS = new int[1024];
    static final int[] ENCODE_FIRST_ROW = new int[2048];
    static final int[] ENCODE_OTHER_ROWS = new int[2048];

    static {
        List<int[]> first = load("cxtvlc-initial-rows.tsv");
        List<int[]> other = load("cxtvlc-later-rows.tsv");
        fillDecoder(first, DECODE_FIRST_ROW);
        fillDecoder(other, DECODE_OTHER_ROWS);
        fillEncoder(first, ENCODE_FIRST_ROW);
        fillEncoder(other, ENCODE_OTHER_ROWS);
    }

    private VlcTables() {}

    // Row layout: context, rho, u_off, e_k, e_1, codeword (LSB = first stream bit), length.
    private static List<int[]> load(String resource) {
        List<int[]> rows = new ArrayList<>();
        try (InputStream in = VlcTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                String bits = f[5];
                int codeword = 0;
                for (int i = 0; i < bits.length(); i++) {
                    codeword |= (bits.charAt(i) - '0') << i;
                }
                rows.add(new int[] {
                    Integer.parseInt(f[0]),
                    Integer.parseInt(f[1], 2),
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[3], 2),
                    Integer.parseInt(f[4], 2),
                    codeword,
                    bits.length()
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static void fillDecoder(List<int[]> rows, int[] table) {
        for (int index = 0; index < table.length; index++) {
            int context = index >> 7;
            int bits = index & 0x7F;
            for (int[] r : rows) {
                if (r[0] == context && r[5] == (bits & ((1 << r[6]) - 1))) {
                    if (table[index] != 0) {
                        throw new IllegalStateException("CxtVLC code is not prefix-free at index " + index);
                    }
                    int rightColumn = ((r[1] >> 2) | (r[1] >> 3)) & 1;
                    table[index] = rightColumn << 31 | r[3] << 12 | r[4] << 8 | r[1] << 4 | r[2] << 3 | r[6];
                }
            }
        }
    }

    /**
     * For each (context, rho, emb) the shortest-to-state codeword: with u_off = 0 the only one; with u_off = 1 one
     * whose e_1 agrees with emb on the samples e_k covers, preferring the largest e_k (fewer magnitude bits).
     */
    private static void fillEncoder(List<int[]> rows, int[] table) {
        for (int index = 0; index < table.length; index++) {
            int context = index >> 8;
            int rho = (index >> 4) & 0xF;
            int emb = index & 0xF;
            if ((emb & rho) != emb || (rho == 0 && context == 0)) {
                continue; // not a state the encoder reaches
            }
            int[] best = null;
            int bestOnes = -1;
            for (int[] r : rows) {
                if (r[0] != context || r[1] != rho) {
                    continue;
                }
                if (emb == 0 && r[2] == 0) {
                    best = r;
                    break;
                }
                if (emb != 0 && r[2] == 1 && (emb & r[3]) == r[4] && Integer.bitCount(r[3]) >= bestOnes) {
                    best = r;
                    bestOnes = Integer.bitCount(r[3]);
                }
            }
            if (best == null) {
                throw new IllegalStateException("CxtVLC code has no codeword for index " + index);
            }
            table[index] = best[5] << 8 | best[6] << 4 | best[3];
        }
    }
}
