package org.openahi.htj2k.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Htj2kCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Htj2kCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void encodesAndDecodesRawFiles() throws Exception {
        byte[] raw = new byte[33 * 21 * 2];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 7 + (i >> 5));
        }
        Path in = Files.write(dir.resolve("in.raw"), raw);
        Path j2c = dir.resolve("out.j2c");
        assertThat(run(
                        "encode",
                        "--width",
                        "33",
                        "--height",
                        "21",
                        "--components",
                        "1",
                        "--bits",
                        "16",
                        "--signed",
                        in.toString(),
                        j2c.toString()))
                .isZero();
        assertThat(out()).contains("wrote " + j2c);

        Path back = dir.resolve("back.raw");
        assertThat(run("decode", j2c.toString(), back.toString())).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(raw);
        assertThat(out())
                .contains(
                        "width=33",
                        "height=21",
                        "components=1",
                        "bitDepth=16",
                        "signed=true",
                        "decompositionLevels=0",
                        "progression=RPCL",
                        "tlm=true",
                        "ht=true",
                        "level=0");

        assertThat(run("checksums", j2c.toString())).isZero();
        assertThat(out().trim()).matches("33x21:[0-9a-f]{8}");
    }

    @Test
    void encodesAndDecodesJpeg2000Part1() throws Exception {
        byte[] raw = new byte[70 * 90 * 3];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 13 + (i >> 7));
        }
        Path in = Files.write(dir.resolve("in.raw"), raw);
        Path j2k = dir.resolve("out.j2k");
        assertThat(run(
                        "encode",
                        "--width",
                        "70",
                        "--height",
                        "90",
                        "--components",
                        "3",
                        "--bits",
                        "8",
                        "--part1",
                        in.toString(),
                        j2k.toString()))
                .isZero();
        Path back = dir.resolve("back.raw");
        assertThat(run("decode", j2k.toString(), back.toString())).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(raw);
        assertThat(out()).contains("ht=false", "components=3", "decompositionLevels=1", "progression=RPCL");
    }

    @Test
    void decodesAReducedResolution() throws Exception {
        byte[] raw = new byte[200 * 130];
        Path in = Files.write(dir.resolve("in.raw"), raw);
        Path j2c = dir.resolve("out.j2c");
        assertThat(run(
                        "encode",
                        "--width",
                        "200",
                        "--height",
                        "130",
                        "--components",
                        "1",
                        "--bits",
                        "8",
                        in.toString(),
                        j2c.toString()))
                .isZero();
        Path small = dir.resolve("small.raw");
        assertThat(run("decode", "--level", "2", j2c.toString(), small.toString()))
                .isZero();
        assertThat(out()).contains("decodedSize=50x33", "level=2");
        assertThat(Files.size(small)).isEqualTo(50 * 33);
    }

    @Test
    void reportsWrongUsageAndBadInput() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command", "usage:");
        assertThat(run("encode", "--width", "x", "a", "b")).isEqualTo(2);
        assertThat(run("decode", "--level")).isEqualTo(2);
        Path small = Files.write(dir.resolve("small.raw"), new byte[10]);
        assertThat(run(
                        "encode",
                        "--width",
                        "4",
                        "--height",
                        "4",
                        "--components",
                        "1",
                        "--bits",
                        "8",
                        small.toString(),
                        dir.resolve("x.j2c").toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has 10 bytes", "need 16");
        Path junk = Files.write(dir.resolve("junk.j2c"), new byte[] {1, 2, 3, 4});
        assertThat(run("decode", junk.toString(), dir.resolve("y.raw").toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTJ2K-0126");
        assertThat(run(
                        "decode",
                        dir.resolve("missing.j2c").toString(),
                        dir.resolve("y.raw").toString()))
                .isEqualTo(1);
    }
}
