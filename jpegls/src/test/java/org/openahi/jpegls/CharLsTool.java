package org.openahi.jpegls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openahi.testing.Oracles;

/**
 * CharLS (Debian's libcharls 2.4) through {@code src/test/c/charls_tool.c}, compiled here with the system's C
 * compiler: the oracle for what DCMTK cannot make or read (2..16 bits, 2 and 4 components, every interleave, custom
 * presets, HP colour transforms).
 */
final class CharLsTool {

    /** A raw image as the tool reads and writes it (the decoder's layout). */
    record Raw(int width, int height, int components, int bits, byte[] samples) {}

    /** The encoder's options; 0 for a preset means its default. */
    record Options(Interleave interleave, int near, int maxVal, int t1, int t2, int t3, int reset, int transform) {
        static Options lossless(Interleave interleave) {
            return new Options(interleave, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final Path tool;
    private final Path work;

    private CharLsTool(Path tool, Path work) {
        this.tool = tool;
        this.work = work;
    }

    /** Compiles the tool into {@code work}; skips (or fails, when oracles are required) without cc or libcharls-dev. */
    static CharLsTool build(Path work) throws IOException {
        String cc = Oracles.require("cc");
        if (!Files.isRegularFile(Path.of("/usr/include/charls/charls.h"))) {
            Oracles.missing("CharLS headers are not installed (libcharls-dev; ./openahi test installs it)");
        }
        Path tool = work.resolve("charls_tool");
        Oracles.runOk(
                cc,
                "-O2",
                "-o",
                tool.toString(),
                Path.of("src/test/c/charls_tool.c").toAbsolutePath().toString(),
                "-lcharls");
        return new CharLsTool(tool, work);
    }

    /** CharLS's decoding of a frame, interleaved; CharLS must be able to decode it. */
    Raw decode(byte[] frame) throws IOException {
        Raw raw = decodeIfItCan(frame);
        if (raw == null) {
            throw new AssertionError("CharLS cannot decode the frame");
        }
        return raw;
    }

    /** CharLS's decoding, or null when CharLS refuses the stream. */
    Raw decodeIfItCan(byte[] frame) throws IOException {
        Path in = work.resolve("in.jls");
        Path out = work.resolve("out.raw");
        Files.write(in, frame);
        Oracles.Result result = Oracles.run(tool.toString(), "decode", in.toString(), out.toString());
        if (result.exitCode() != 0) {
            return null;
        }
        String[] facts = result.stdoutText().trim().split(" ");
        return new Raw(
                Integer.parseInt(facts[0]),
                Integer.parseInt(facts[1]),
                Integer.parseInt(facts[2]),
                Integer.parseInt(facts[3]),
                Files.readAllBytes(out));
    }

    /** CharLS's encoding of a raw image, or the tool's result when it refuses (exit code not 0). */
    Oracles.Result encode(Raw image, Options options, Path out) throws IOException {
        Path in = work.resolve("in.raw");
        Files.write(in, image.samples());
        List<String> command = new ArrayList<>(List.of(tool.toString(), "encode", in.toString(), out.toString()));
        for (int value : new int[] {
            image.width(),
            image.height(),
            image.components(),
            image.bits(),
            options.interleave().ordinal(),
            options.near(),
            options.maxVal(),
            options.t1(),
            options.t2(),
            options.t3(),
            options.reset(),
            options.transform()
        }) {
            command.add(Integer.toString(value));
        }
        return Oracles.run(command);
    }

    /** CharLS's encoding, which must succeed. */
    byte[] encodeOk(Raw image, Options options) throws IOException {
        Path out = work.resolve("out.jls");
        Oracles.Result result = encode(image, options, out);
        if (result.exitCode() != 0) {
            throw new AssertionError("charls_tool encode " + options + " failed: " + result.stderr());
        }
        return Files.readAllBytes(out);
    }
}
