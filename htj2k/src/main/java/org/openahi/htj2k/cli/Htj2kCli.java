package org.openahi.htj2k.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.openahi.htj2k.CodestreamInfo;
import org.openahi.htj2k.DecodedImage;
import org.openahi.htj2k.Htj2kDecoder;
import org.openahi.htj2k.Htj2kEncoder;
import org.openahi.htj2k.Htj2kException;
import org.openahi.htj2k.ImageDescription;
import org.openahi.htj2k.J2kEncoder;
import org.openahi.htj2k.ResolutionChecksum;

/**
 * {@code ./openahi htj2k}: encode raw samples to an HTJ2K (.202-style) or, with {@code --part1}, a JPEG 2000
 * Part 1 lossless (.90) codestream, decode either kind back, or list the CRC-32 of every resolution. Raw means little-endian samples, components interleaved, 1 byte per sample up to 8 bits
 * and 2 above. Exit status: 0 done, 1 the input was refused or could not be read, 2 wrong usage.
 */
public final class Htj2kCli {

    private static final String USAGE = """
        usage:
          htj2k encode --width W --height H --components C --bits B [--signed] [--part1] IN.raw OUT.j2c
          htj2k decode [--level N] IN.j2c OUT.raw
          htj2k checksums IN.j2c
        raw: little-endian samples, components interleaved, 1 byte each up to 8 bits, else 2.
        encode writes HTJ2K (.202 layout), or JPEG 2000 Part 1 lossless (.90) with --part1; decode reads both.
        decode prints the header facts and the CRC-32 of what it wrote; --level N leaves out N resolution levels.
        checksums prints the CRC-32 of every resolution from the smallest to full size.""";

    private final PrintStream out;
    private final PrintStream err;

    private Htj2kCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Htj2kCli(out, err).dispatch(args);
    }

    private int dispatch(String[] args) {
        if (args.length == 0) {
            return usage("no command");
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "encode" -> encode(rest);
                case "decode" -> decode(rest);
                case "checksums" -> checksums(rest);
                case "-h", "--help", "help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> usage("unknown command " + args[0]);
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (Htj2kException e) {
            err.println("htj2k: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("htj2k: " + e);
            return 1;
        }
    }

    private int encode(List<String> args) throws UsageException, IOException, Htj2kException {
        int width = intOption(args, "--width", -1);
        int height = intOption(args, "--height", -1);
        int components = intOption(args, "--components", -1);
        int bits = intOption(args, "--bits", -1);
        boolean signed = args.remove("--signed");
        boolean part1 = args.remove("--part1");
        if (width < 1 || height < 1 || components < 1 || bits < 1) {
            throw new UsageException("encode needs --width, --height, --components and --bits");
        }
        List<Path> files = files(args, 2);
        ImageDescription image = new ImageDescription(width, height, components, bits, signed);
        byte[] raw = Files.readAllBytes(files.get(0));
        if (raw.length != image.nativeFrameBytes()) {
            err.println("htj2k: " + files.get(0) + " has " + raw.length + " bytes; " + width + "x" + height + "x"
                    + components + " samples of " + bits + " bits need " + image.nativeFrameBytes());
            return 1;
        }
        byte[] codestream = part1 ? new J2kEncoder().encode(image, raw) : new Htj2kEncoder().encode(image, raw);
        Files.write(files.get(1), codestream);
        out.println("wrote " + files.get(1) + " (" + codestream.length + " bytes)");
        return 0;
    }

    private int decode(List<String> args) throws UsageException, IOException, Htj2kException {
        int level = intOption(args, "--level", 0);
        if (level < 0) {
            throw new UsageException("--level must be 0 or more");
        }
        List<Path> files = files(args, 2);
        byte[] input = Files.readAllBytes(files.get(0));
        DecodedImage image = new Htj2kDecoder().decode(input, level);
        byte[] raw = image.nativeBytes();
        Files.write(files.get(1), raw);
        CodestreamInfo info = image.info();
        out.println("width=" + info.width());
        out.println("height=" + info.height());
        out.println("components=" + info.components());
        out.println("bitDepth=" + info.bitDepth());
        out.println("signed=" + info.signed());
        out.println("decompositionLevels=" + info.decompositionLevels());
        out.println("progression=" + info.progression());
        out.println("layers=" + info.layers());
        out.println("reversible=" + info.reversible());
        out.println("colourTransform=" + info.colourTransform());
        out.println("codeBlock=" + info.codeBlockWidth() + "x" + info.codeBlockHeight());
        out.println("tiles=" + info.tiles());
        out.println("tileParts=" + info.tileParts());
        out.println("tlm=" + info.tlm());
        out.println("complete=" + info.complete());
        out.println("ht=" + info.ht());
        out.println("level=" + level);
        out.println("decodedSize=" + image.width() + "x" + image.height());
        out.println("bytesPerSample=" + image.bytesPerSample());
        CRC32 crc = new CRC32();
        crc.update(raw);
        out.println("crc32=" + hex(crc.getValue()));
        return 0;
    }

    private int checksums(List<String> args) throws UsageException, IOException, Htj2kException {
        List<Path> files = files(args, 1);
        StringBuilder line = new StringBuilder();
        for (ResolutionChecksum c : new Htj2kDecoder().checksums(Files.readAllBytes(files.get(0)))) {
            line.append(line.isEmpty() ? "" : " ")
                    .append(c.width())
                    .append('x')
                    .append(c.height())
                    .append(':')
                    .append(hex(c.crc32()));
        }
        out.println(line);
        return 0;
    }

    private static String hex(long crc) {
        return HexFormat.of().toHexDigits((int) crc);
    }

    /** Removes {@code --name VALUE} from args and returns VALUE, or {@code absent} when the option is not there. */
    private static int intOption(List<String> args, String name, int absent) throws UsageException {
        int i = args.indexOf(name);
        if (i < 0) {
            return absent;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = args.remove(i + 1);
        args.remove(i);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " " + value + " is not a number");
        }
    }

    private static List<Path> files(List<String> args, int count) throws UsageException {
        for (String a : args) {
            if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            }
        }
        if (args.size() != count) {
            throw new UsageException("expected " + count + " file names, got " + args.size());
        }
        return args.stream().map(Path::of).toList();
    }

    private int usage(String problem) {
        err.println("htj2k: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
