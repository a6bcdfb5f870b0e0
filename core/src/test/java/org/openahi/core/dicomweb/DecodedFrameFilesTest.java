package org.openahi.core.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.memory.MemoryBlobStore;

class DecodedFrameFilesTest {
    private static final int FRAME = 100;
    private static final long FILE = DecodedFrameFiles.HEADER_BYTES + FRAME;

    @TempDir
    Path folder;

    private static byte[] frame(int seed) {
        byte[] samples = new byte[FRAME];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (seed * 31 + i);
        }
        return samples;
    }

    private static void keep(DecodedFrameFiles files, String key, byte[] samples) {
        files.offer(key, samples);
        files.awaitWritten();
    }

    private List<Path> frameFiles() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        }
    }

    @Test
    void aKeptFrameIsReadBackFromItsFile() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 10 * FILE)) {
            assertThat(files.read("frames/w/a")).isEmpty();
            keep(files, "frames/w/a", frame(1));
            assertThat(files.read("frames/w/a"))
                    .hasValueSatisfying(read -> assertThat(read).isEqualTo(frame(1)));
            assertThat(frameFiles()).containsExactly(files.file("frames/w/a"));
            assertThat(Files.size(files.file("frames/w/a"))).isEqualTo(FILE);
            assertThat(files.counts()).isEqualTo(new DecodedFrameFiles.Counts(1, 1, 0, 1, 0, FILE, 1));
        }
    }

    @Test
    void deletingAFrameBlobDeletesItsDecodedCopy() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 10 * FILE);
                BlobStore blobs = files.deletingWith(new MemoryBlobStore())) {
            blobs.put("frames/w/a", new ByteArrayInputStream(new byte[] {1, 2}), 2);
            keep(files, "frames/w/a", frame(1));
            keep(files, "frames/w/b", frame(2));
            blobs.delete("frames/w/a");
            assertThat(files.read("frames/w/a")).isEmpty();
            assertThat(frameFiles()).containsExactly(files.file("frames/w/b"));
            assertThat(files.counts().bytes()).isEqualTo(FILE);
            assertThatThrownBy(() -> blobs.get("frames/w/a")).isInstanceOf(BlobNotFoundException.class);
        }
    }

    @Test
    void theBoundIsNeverExceededAndTheLeastRecentlyReadFrameGoesFirst() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 3 * FILE)) {
            keep(files, "a", frame(1));
            keep(files, "b", frame(2));
            keep(files, "c", frame(3));
            assertThat(files.read("a")).isPresent();
            keep(files, "d", frame(4));
            assertThat(files.counts().bytes()).isEqualTo(3 * FILE);
            assertThat(frameFiles()).hasSize(3).doesNotContain(files.file("b"));
            assertThat(files.read("b")).isEmpty();
            keep(files, "e", frame(5));
            assertThat(frameFiles()).hasSize(3).doesNotContain(files.file("c"));
            for (String kept : List.of("a", "d", "e")) {
                assertThat(files.read(kept)).as(kept).isPresent();
            }
            long folderBytes = 0;
            for (Path file : frameFiles()) {
                folderBytes += Files.size(file);
            }
            assertThat(folderBytes).isEqualTo(3 * FILE);
        }
    }

    @Test
    void aFrameLargerThanTheBoundIsNotKept() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, FILE - 1)) {
            keep(files, "a", frame(1));
            assertThat(files.read("a")).isEmpty();
            assertThat(frameFiles()).isEmpty();
            assertThat(files.counts().dropped()).isEqualTo(1);
        }
    }

    @Test
    void aDamagedFileIsDeletedAndReadAsAMiss() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 10 * FILE)) {
            keep(files, "flipped", frame(1));
            keep(files, "truncated", frame(2));
            Path flipped = files.file("flipped");
            byte[] bytes = Files.readAllBytes(flipped);
            bytes[DecodedFrameFiles.HEADER_BYTES + 40] ^= 0x10;
            Files.write(flipped, bytes);
            try (FileChannel channel = FileChannel.open(files.file("truncated"), StandardOpenOption.WRITE)) {
                channel.truncate(FILE - 1);
            }

            assertThat(files.read("flipped")).isEmpty();
            assertThat(files.read("truncated")).isEmpty();
            assertThat(frameFiles()).isEmpty();
            assertThat(files.counts()).isEqualTo(new DecodedFrameFiles.Counts(0, 2, 2, 2, 0, 0, 0));

            keep(files, "flipped", frame(1));
            assertThat(files.read("flipped"))
                    .hasValueSatisfying(read -> assertThat(read).isEqualTo(frame(1)));
        }
    }

    @Test
    void aFileDeletedByAnythingElseIsAMissAndLeavesTheIndex() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 10 * FILE)) {
            keep(files, "a", frame(1));
            Files.delete(files.file("a"));
            assertThat(files.read("a")).isEmpty();
            assertThat(files.counts()).isEqualTo(new DecodedFrameFiles.Counts(0, 1, 0, 1, 0, 0, 0));
            keep(files, "a", frame(1));
            assertThat(files.read("a")).isPresent();
        }
    }

    @Test
    void aFolderDeletedWhileOpenIsMadeAgainAfterOneDroppedWrite() throws Exception {
        Path own = folder.resolve("decoded-frames");
        try (DecodedFrameFiles files = DecodedFrameFiles.open(own, 10 * FILE)) {
            keep(files, "a", frame(1));
            Files.delete(files.file("a"));
            Files.delete(own);
            keep(files, "b", frame(2));
            assertThat(files.counts().dropped()).isEqualTo(1);
            assertThat(own).doesNotExist();
            keep(files, "c", frame(3));
            assertThat(files.read("c"))
                    .hasValueSatisfying(read -> assertThat(read).isEqualTo(frame(3)));
            assertThat(files.read("a")).isEmpty();
            try (Stream<Path> entries = Files.list(own)) {
                assertThat(entries).containsExactly(files.file("c"));
            }
        }
    }

    @Test
    void theFolderIsEmptiedOfTheTiersFilesWhenItOpens() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 10 * FILE)) {
            keep(files, "a", frame(1));
        }
        Files.writeString(folder.resolve("half-written.frame.tmp"), "partial");
        Path notOurs = Files.writeString(folder.resolve("notes.txt"), "someone else's");
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 10 * FILE)) {
            assertThat(frameFiles()).containsExactly(notOurs);
            assertThat(files.read("a")).isEmpty();
            assertThat(files.counts().files()).isZero();
        }
    }

    @Test
    void aBoundOfZeroKeepsNothingAndCreatesNoFolder() throws Exception {
        Path absent = folder.resolve("decoded-frames");
        try (DecodedFrameFiles files = DecodedFrameFiles.open(absent, 0)) {
            files.offer("a", frame(1));
            files.awaitWritten();
            assertThat(files.read("a")).isEmpty();
            assertThat(files.counts()).isEqualTo(new DecodedFrameFiles.Counts(0, 0, 0, 0, 0, 0, 0));
        }
        assertThat(absent).doesNotExist();
    }

    @Test
    void anOfferTheWritersQueueHasNoRoomForIsDroppedNotWaitedFor() throws Exception {
        try (DecodedFrameFiles files = DecodedFrameFiles.open(folder, 100 * FILE, FRAME - 1)) {
            files.offer("a", frame(1));
            files.awaitWritten();
            assertThat(files.read("a")).isEmpty();
            assertThat(files.counts().dropped()).isEqualTo(1);
            assertThat(frameFiles()).isEmpty();
        }
    }
}
