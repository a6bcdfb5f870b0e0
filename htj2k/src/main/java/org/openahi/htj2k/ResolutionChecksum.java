package org.openahi.htj2k;

/**
 * CRC-32 (the zlib polynomial) of an image decoded at one resolution, over the raw layout: samples little-endian,
 * 1 byte each up to 8 bits else 2, components interleaved. A list of these from the smallest resolution to full
 * size is what AWS HealthImaging calls PixelDataChecksumFromBaseToFullResolution.
 */
public record ResolutionChecksum(int width, int height, long crc32) {}
