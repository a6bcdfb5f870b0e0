package org.openahi.server.dicomweb.rendered;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** A rendered image as PNG (lossless: what the test compares pixel for pixel) or baseline JPEG, with the JDK's writers. */
public final class RenderedImages {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RenderedImages() {}

    public static byte[] encode(FrameRenderer.Image image, String mediaType, int quality) {
        BufferedImage buffered = new BufferedImage(
                image.width(),
                image.height(),
                image.components() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) buffered.getRaster().getDataBuffer()).getData();
        if (image.components() == 1) {
            System.arraycopy(image.samples(), 0, target, 0, target.length);
        } else {
            byte[] rgb = image.samples();
            for (int i = 0; i < rgb.length; i += 3) {
                target[i] = rgb[i + 2];
                target[i + 1] = rgb[i + 1];
                target[i + 2] = rgb[i];
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(mediaType).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (mediaType.equals(RenderParameters.JPEG)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a rendered image in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
