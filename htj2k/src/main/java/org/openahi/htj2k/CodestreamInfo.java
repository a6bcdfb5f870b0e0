package org.openahi.htj2k;

/**
 * What a codestream's headers say about the image and how it is coded.
 *
 * @param width               image width (Xsiz - XOsiz)
 * @param height              image height
 * @param components          number of components
 * @param bitDepth            bits per sample of component 0
 * @param signed              whether component 0 is signed
 * @param decompositionLevels wavelet levels of tile 0, component 0
 * @param progression         progression order of tile 0
 * @param layers              quality layers of tile 0
 * @param reversible          5/3 reversible wavelet (true) or 9/7 (false), tile 0 component 0
 * @param colourTransform     the multiple component transform (RCT or ICT) is on in tile 0
 * @param codeBlockWidth      nominal code-block width of tile 0, component 0
 * @param codeBlockHeight     nominal code-block height
 * @param tiles               number of tiles
 * @param tileParts           number of tile-parts read
 * @param tlm                 a TLM marker is present
 * @param ht                  the codestream is HTJ2K (Part 15): HT code-blocks in tile 0, component 0
 * @param complete            every tile-part was whole and the codestream ended with EOC
 */
public record CodestreamInfo(
        int width,
        int height,
        int components,
        int bitDepth,
        boolean signed,
        int decompositionLevels,
        Progression progression,
        int layers,
        boolean reversible,
        boolean colourTransform,
        int codeBlockWidth,
        int codeBlockHeight,
        int tiles,
        int tileParts,
        boolean tlm,
        boolean ht,
        boolean complete) {}
