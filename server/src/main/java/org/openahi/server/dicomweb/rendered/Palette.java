package org.openahi.server.dicomweb.rendered;

import java.util.Optional;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.Tags;
import org.openahi.dicom.dict.Tag;

/**
 * A PALETTE COLOR instance's red, green and blue lookup tables (PS3.3 C.7.6.3.1.5), as 8-bit display values: a
 * stored value {@code v} shows as entry {@code v - firstMapped}, values outside the table as its first or last entry.
 */
public record Palette(int firstMapped, byte[] red, byte[] green, byte[] blue) {

    /** The instance's palette; empty when it has none. Segmented palettes (C.7.9.2) are not read. */
    public static Optional<Palette> of(Dataset dataset) throws UnsupportedPixelsException {
        if (!dataset.contains(Tag.RedPaletteColorLookupTableDescriptor)) {
            return Optional.empty();
        }
        if (dataset.contains(Tag.SegmentedRedPaletteColorLookupTableData)) {
            throw new UnsupportedPixelsException("segmented palettes cannot be rendered");
        }
        long[] descriptor =
                dataset.get(Tag.RedPaletteColorLookupTableDescriptor).longs();
        if (descriptor.length != 3) {
            throw new UnsupportedPixelsException(
                    "Red Palette Color Lookup Table Descriptor has " + descriptor.length + " values, not 3");
        }
        int entries = (int) (descriptor[0] & 0xFFFF);
        return Optional.of(new Palette(
                (int) descriptor[1],
                table(dataset, Tag.RedPaletteColorLookupTableData, entries == 0 ? 65536 : entries),
                table(dataset, Tag.GreenPaletteColorLookupTableData, entries == 0 ? 65536 : entries),
                table(dataset, Tag.BluePaletteColorLookupTableData, entries == 0 ? 65536 : entries)));
    }

    /**
     * One table's entries shown as 8 bits: 16-bit entries by their high byte; 8-bit ones one byte each, or one per
     * 16-bit word as some writers store them (in its low byte, or its high one when a word exceeds 255).
     */
    private static byte[] table(Dataset dataset, int tag, int entries) throws UnsupportedPixelsException {
        Element element = dataset.get(tag);
        if (element == null || element.isSequence()) {
            throw new UnsupportedPixelsException("the palette has no " + Tags.format(tag));
        }
        byte[] data = element.bytes();
        byte[] out = new byte[entries];
        if (data.length >= 2 * entries) {
            int[] words = new int[entries];
            int max = 0;
            for (int i = 0; i < entries; i++) {
                words[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
                max = Math.max(max, words[i]);
            }
            int bits = dataset.get(Tag.RedPaletteColorLookupTableDescriptor).longs()[2] == 8 && max <= 255 ? 0 : 8;
            for (int i = 0; i < entries; i++) {
                out[i] = (byte) (words[i] >> bits);
            }
        } else if (data.length >= entries) {
            System.arraycopy(data, 0, out, 0, entries);
        } else {
            throw new UnsupportedPixelsException(
                    Tags.format(tag) + " has " + data.length + " bytes for " + entries + " entries");
        }
        return out;
    }

    /** The colour of stored value {@code value} as {@code rgb[offset..offset+2]}. */
    void colour(long value, byte[] rgb, int offset) {
        int index = (int) Math.max(0, Math.min(red.length - 1, value - firstMapped));
        rgb[offset] = red[index];
        rgb[offset + 1] = green[index];
        rgb[offset + 2] = blue[index];
    }
}
