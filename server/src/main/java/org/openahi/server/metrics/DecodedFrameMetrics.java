package org.openahi.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.openahi.core.dicomweb.DecodedFrameFiles;

/**
 * The disk tier of decoded frames (OPENAHI_DECODED_FRAME_DISK_BYTES): reads by result, writes by result, and the bytes
 * and files it holds.
 */
public final class DecodedFrameMetrics {
    private DecodedFrameMetrics() {}

    public static void register(Metrics metrics, DecodedFrameFiles files) {
        CounterWithCallback.builder()
                .name("openahi_decoded_frame_disk_reads_total")
                .help("Reads of decoded frames on disk after a memory miss, by result (hit; miss; damaged: a file "
                        + "that failed its CRC32, deleted and decoded again)")
                .labelNames("result")
                .constLabels(metrics.node())
                .callback(callback -> {
                    DecodedFrameFiles.Counts counts = files.counts();
                    callback.call(counts.hits(), "hit");
                    callback.call(counts.misses() - counts.damaged(), "miss");
                    callback.call(counts.damaged(), "damaged");
                })
                .register(metrics.registry());
        CounterWithCallback.builder()
                .name("openahi_decoded_frame_disk_writes_total")
                .help("Decoded frames offered to the disk tier (at ingest or after a decode), by result (written; "
                        + "dropped: the writer's queue was full, the frame larger than the bound, or the write failed)")
                .labelNames("result")
                .constLabels(metrics.node())
                .callback(callback -> {
                    DecodedFrameFiles.Counts counts = files.counts();
                    callback.call(counts.written(), "written");
                    callback.call(counts.dropped(), "dropped");
                })
                .register(metrics.registry());
        GaugeWithCallback.builder()
                .name("openahi_decoded_frame_disk_bytes")
                .help("Bytes of the decoded frame files on disk")
                .constLabels(metrics.node())
                .callback(callback -> callback.call(files.counts().bytes()))
                .register(metrics.registry());
        GaugeWithCallback.builder()
                .name("openahi_decoded_frame_disk_files")
                .help("Decoded frame files on disk")
                .constLabels(metrics.node())
                .callback(callback -> callback.call(files.counts().files()))
                .register(metrics.registry());
    }
}
