package org.openahi.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.testing.DicomBytes;

/**
 * A 500 MiB multi-frame file (250 frames of 1024 x 1024 x 16 bits, made sparse so the test is quick) is read by
 * path and as a stream, every frame pulled through a small buffer: the bytes allocated stay a small fraction of the
 * file, so memory is bounded by the frame buffer, not by the file.
 */
class LargeFileIT {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int FRAMES = 250;
    private static final long FRAME = 1024 * 1024 * 2;
    private static final long LIMIT = 16 << 20;

    @TempDir
    Path temp;

    @Test
    void fiveHundredMegabytesFrameByFrameInBoundedMemory() throws Exception {
        Path file = temp.resolve("large.dcm");
        byte[] header = DicomBytes.part10(TransferSyntax.ExplicitVRLittleEndian.uid(), true, false)
                .text(Tag.NumberOfFrames, "IS", Integer.toString(FRAMES) + " ")
                .us(Tag.Rows, 1024)
                .us(Tag.Columns, 1024)
                .us(Tag.BitsAllocated, 16)
                .header(Tag.PixelData, "OW", FRAMES * FRAME)
                .bytes();
        Files.write(file, header);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(header.length + FRAMES * FRAME);
        }
        byte[] buffer = new byte[64 * 1024];

        long before = THREADS.getCurrentThreadAllocatedBytes();
        PixelData pixels = DicomReader.read(file).pixelData();
        long total = 0;
        for (int i = 0; i < pixels.frameCount(); i++) {
            try (InputStream in = pixels.frame(i).openStream()) {
                total += drain(in, buffer);
            }
        }
        long byPath = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(total).isEqualTo(FRAMES * FRAME);
        assertThat(byPath).isLessThan(LIMIT);

        before = THREADS.getCurrentThreadAllocatedBytes();
        total = 0;
        int frames = 0;
        try (InputStream in = Files.newInputStream(file);
                DicomStream stream = DicomReader.stream(in)) {
            for (Frame f; (f = stream.nextFrame()) != null; frames++) {
                try (InputStream bytes = f.openStream()) {
                    total += drain(bytes, buffer);
                }
            }
            stream.finish();
        }
        long byStream = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(frames).isEqualTo(FRAMES);
        assertThat(total).isEqualTo(FRAMES * FRAME);
        assertThat(byStream).isLessThan(LIMIT);
        System.out.printf(
                "large file: %d MiB in %d frames; allocated %.1f MiB reading by path, %.1f MiB as a" + " stream%n",
                total >> 20, FRAMES, byPath / 1048576.0, byStream / 1048576.0);
    }

    private static long drain(InputStream in, byte[] buffer) throws java.io.IOException {
        long n = 0;
        for (int r; (r = in.read(buffer)) > 0; ) {
            n += r;
        }
        return n;
    }
}
