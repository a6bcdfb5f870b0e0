package org.openahi.server.dicomweb.rendered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.UnsupportedPixelsException;

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
                new FrameRenderer.Presentation(2, 10, Optional.empty()),
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
        FrameRenderer.Image image =
                FrameRenderer.render(frame, layout, new FrameRenderer.Presentation(1, 0, Optional.empty()), fit);
        assertThat(new int[] {image.width(), image.height()}).containsExactly(2, 1);
        // The one output row samples the frame's second row (255 -> 255 after the window), inverted to 0.
        assertThat(image.samples()).containsExactly(0, 0);
        FrameRenderer.Image top = FrameRenderer.render(
                frame,
                layout,
                new FrameRenderer.Presentation(1, 0, Optional.empty()),
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
}
