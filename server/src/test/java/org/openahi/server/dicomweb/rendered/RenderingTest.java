package org.openahi.server.dicomweb.rendered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;

class RenderingTest {
    private static final RenderParameters.Window LINEAR = new RenderParameters.Window(40, 400, "linear");

    @Test
    void linearWindowFollowsPs33() {
        // c - 0.5 - (w-1)/2 = -160 and c - 0.5 + (w-1)/2 = 239.
        assertThat(Voi.apply(LINEAR, -160)).isZero();
        assertThat(Voi.apply(LINEAR, -159)).isEqualTo(1);
        assertThat(Voi.apply(LINEAR, 40)).isEqualTo(128);
        assertThat(Voi.apply(LINEAR, 239)).isEqualTo(255);
        assertThat(Voi.apply(new RenderParameters.Window(0, 100, "linear-exact"), 25))
                .isEqualTo(191);
        assertThat(Voi.apply(new RenderParameters.Window(0, 100, "sigmoid"), 0)).isEqualTo(128);
    }

    @Test
    void signedStoredSamplesAreSignExtendedAndRescaled() throws UnsupportedPixelsException {
        PixelLayout layout = new PixelLayout(1, 2, 1, 16, 12, 11, true, false, "MONOCHROME2", 1);
        byte[] frame = {(byte) 0xFF, 0x0F, 0x01, 0x00}; // 0x0FFF is -1 in 12 bits; 1
        assertThat(FrameRenderer.sample(frame, layout, 0)).isEqualTo(-1);
        FrameRenderer.Image image = FrameRenderer.render(
                frame,
                layout,
                new FrameRenderer.Presentation(2, 10, Optional.empty(), Optional.empty(), false),
                new RenderParameters(
                        Optional.of(new RenderParameters.Window(10, 8, "linear-exact")),
                        Optional.empty(),
                        90,
                        RenderParameters.PNG));
        // -1*2+10 = 8 -> (8-10)/8+0.5 = 0.25 -> 63.75 -> 64; 1*2+10 = 12 -> 0.75 -> 191.25 -> 191
        assertThat(image.samples()).containsExactly((byte) 64, (byte) 191);
    }

    @Test
    void monochrome1IsInvertedAndViewportsKeepTheAspect() throws UnsupportedPixelsException {
        PixelLayout layout = new PixelLayout(2, 4, 1, 8, 8, 7, false, false, "MONOCHROME1", 1);
        byte[] frame = {0, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255};
        RenderParameters fit = RenderParameters.parse(
                List.of("127.5,256,linear-exact"), List.of("2,2"), List.of(), List.of("image/png"));
        FrameRenderer.Image image = FrameRenderer.render(
                frame, layout, new FrameRenderer.Presentation(1, 0, Optional.empty(), Optional.empty(), false), fit);
        assertThat(new int[] {image.width(), image.height()}).containsExactly(2, 1);
        // The one output row samples the frame's second row (255 -> 255 after the window), inverted to 0.
        assertThat(image.samples()).containsExactly(0, 0);
        FrameRenderer.Image top = FrameRenderer.render(
                frame,
                layout,
                new FrameRenderer.Presentation(1, 0, Optional.empty(), Optional.empty(), false),
                RenderParameters.parse(
                        List.of("127.5,256,linear-exact"), List.of("4,1,0,0,4,1"), List.of(), List.of("image/png")));
        assertThat(top.samples()).containsExactly(255, 255, 255, 255);
    }

    @Test
    void parametersAreCheckedAndMediaTypesNegotiated() {
        assertThat(RenderParameters.parse(List.of(), List.of(), List.of(), List.of())
                        .mediaType())
                .isEqualTo(RenderParameters.JPEG);
        assertThat(RenderParameters.parse(List.of(), List.of(), List.of(), List.of("text/html, image/png;q=0.5"))
                        .mediaType())
                .isEqualTo(RenderParameters.PNG);
        assertThatThrownBy(() -> RenderParameters.parse(List.of("40"), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("center,width");
        assertThatThrownBy(() -> RenderParameters.parse(List.of("40,0"), List.of(), List.of(), List.of()))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RenderParameters.parse(List.of(), List.of("10,10,1"), List.of(), List.of()))
                .hasMessageContaining("viewport");
        assertThatThrownBy(() -> RenderParameters.parse(List.of(), List.of(), List.of("101"), List.of()))
                .hasMessageContaining("quality");
        assertThatThrownBy(() -> RenderParameters.parse(List.of(), List.of(), List.of(), List.of("text/html")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static final RenderParameters PNG =
            RenderParameters.parse(List.of(), List.of(), List.of(), List.of("image/png"));

    /** dicomweb-client on pydicom-data's liver.dcm (a 1-bit SEG) was answered 406. */
    @Test
    void oneBitFramesShowTheirBitsFirstPixelInBitZero() throws UnsupportedPixelsException {
        PixelLayout layout = new PixelLayout(1, 10, 1, 1, 1, 0, false, false, "MONOCHROME2", 1);
        byte[] frame = {0b0000_0101, 0b10};
        FrameRenderer.Image image = FrameRenderer.render(
                frame, layout, new FrameRenderer.Presentation(1, 0, Optional.empty(), Optional.empty(), false), PNG);
        assertThat(image.samples()).containsExactly(255, 0, 255, 0, 0, 0, 0, 0, 0, 255);
    }

    /** pydicom's SC_ybr_full_422_uncompressed.dcm: native Y Y Cb Cr pairs were answered 406. */
    @Test
    void nativeYbrFull422PairsShareTheirChroma() throws UnsupportedPixelsException {
        PixelLayout layout = new PixelLayout(1, 2, 3, 8, 8, 7, false, false, "YBR_FULL_422", 1);
        byte[] frame = {(byte) 76, (byte) 150, (byte) 85, (byte) 255}; // Y 76 is red's luma with this chroma
        FrameRenderer.Image image = FrameRenderer.render(
                frame, layout, new FrameRenderer.Presentation(1, 0, Optional.empty(), Optional.empty(), false), PNG);
        assertThat(image.components()).isEqualTo(3);
        // 76 + 1.402 * 127 = 254; 76 - 0.344136 * -43 - 0.714136 * 127 = -0.9 -> 0; 76 + 1.772 * -43 = 0
        assertThat(image.samples()).startsWith(254, 0, 0);
        assertThat(image.samples()[3] & 0xFF).isEqualTo(255); // Y 150: 150 + 178 clamps
    }

    /** pydicom-data's OBXXXX1A_rle_2frame.dcm (PALETTE COLOR) was answered 406. */
    @Test
    void paletteColourFramesShowTheirPalettesColours() throws UnsupportedPixelsException {
        Dataset dataset = new Dataset();
        for (int descriptor : new int[] {
            Tag.RedPaletteColorLookupTableDescriptor,
            Tag.GreenPaletteColorLookupTableDescriptor,
            Tag.BluePaletteColorLookupTableDescriptor
        }) {
            dataset.putLongs(descriptor, VR.US, 3, 10, 16);
        }
        // 16-bit entries, shown by their high bytes; stored values 10, 11, 12 map to entries 0, 1, 2.
        dataset.put(Element.of(Tag.RedPaletteColorLookupTableData, VR.OW, new byte[] {0, 0, 0, (byte) 0x80, 0, -1}));
        dataset.put(Element.of(Tag.GreenPaletteColorLookupTableData, VR.OW, new byte[] {0, 1, 0, 2, 0, 3}));
        dataset.put(Element.of(Tag.BluePaletteColorLookupTableData, VR.OW, new byte[] {0, -1, 0, 0, 0, 0}));
        PixelLayout layout = new PixelLayout(1, 4, 1, 8, 8, 7, false, false, "PALETTE COLOR", 1);
        FrameRenderer.Image image = FrameRenderer.render(
                new byte[] {10, 11, 12, 99},
                layout,
                new FrameRenderer.Presentation(1, 0, Optional.empty(), Palette.of(dataset), false),
                PNG);
        assertThat(image.samples())
                .containsExactly(0, 1, 255, 128, 2, 0, 255, 3, 0, 255, 3, 0); // 99 is past the table: its last entry

        dataset.putLongs(Tag.RedPaletteColorLookupTableDescriptor, VR.US, 3, 0, 8);
        dataset.put(Element.of(Tag.RedPaletteColorLookupTableData, VR.OW, new byte[] {5, 0, 6, 0, 7, 0}));
        assertThat(Palette.of(dataset).orElseThrow().red())
                .as("8-bit entries one per 16-bit word")
                .containsExactly(5, 6, 7);
        dataset.put(Element.of(Tag.SegmentedRedPaletteColorLookupTableData, VR.OW, new byte[2]));
        assertThatThrownBy(() -> Palette.of(dataset))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessageContaining("segmented");
    }

    /** pydicom-data's parametric_map_float.dcm was drawn from the floats' bit patterns as integers: near white. */
    @Test
    void floatSamplesAreDrawnByTheirValues() throws UnsupportedPixelsException {
        PixelLayout layout = new PixelLayout(1, 3, 1, 32, 32, 31, false, false, "MONOCHROME2", 1);
        ByteBuffer frame = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        frame.putFloat(0.25f).putFloat(0.5f).putFloat(0.75f);
        FrameRenderer.Image image = FrameRenderer.render(
                frame.array(),
                layout,
                new FrameRenderer.Presentation(1, 0, Optional.empty(), Optional.empty(), true),
                PNG);
        assertThat(image.samples()).containsExactly(0, 128, 255);

        PixelLayout doubles = new PixelLayout(1, 2, 1, 64, 64, 63, false, false, "MONOCHROME2", 1);
        ByteBuffer two = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        two.putDouble(-1e9).putDouble(Double.NaN);
        assertThat(FrameRenderer.floatSample(two.array(), doubles, 0)).isEqualTo(-1e9);
        assertThat(FrameRenderer.render(
                                two.array(),
                                doubles,
                                new FrameRenderer.Presentation(1, 0, Optional.empty(), Optional.empty(), true),
                                PNG)
                        .samples())
                .hasSize(2);
    }
}
