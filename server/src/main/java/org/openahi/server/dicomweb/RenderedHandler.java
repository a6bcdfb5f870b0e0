package org.openahi.server.dicomweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.metadata.InstanceDataset;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.PixelLayout;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.server.dicomweb.rendered.FrameRenderer;
import org.openahi.server.dicomweb.rendered.Palette;
import org.openahi.server.dicomweb.rendered.RenderParameters;
import org.openahi.server.dicomweb.rendered.RenderedImages;
import org.openahi.server.http.WireResponse;

/**
 * Rendered resources (PS3.18 §10.4; AHI offers none): a frame, an instance (its first frame), and thumbnails of a
 * frame, an instance, a series and a study (the first frame of the series' middle instance; a study's first
 * series), as JPEG or PNG with the {@code window}, {@code viewport} and {@code quality} parameters. Frames are read
 * through {@link FrameReader#decoded}, so every stored syntax it decodes can be rendered.
 */
public final class RenderedHandler implements DicomWebHandler {
    /** The viewport of a thumbnail when the request names none. */
    static final int THUMBNAIL_SIZE = 128;

    private final DicomWebReads reads;
    private final FrameReader frames;

    public RenderedHandler(DicomWebReads reads, FrameReader frames) {
        this.reads = reads;
        this.frames = frames;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        RenderParameters parameters;
        List<String> accept = new ArrayList<>(request.query().all("accept"));
        accept.addAll(request.headerValues("accept"));
        try {
            parameters = RenderParameters.parse(
                    request.query().all("window"),
                    request.query().all("viewport"),
                    request.query().all("quality"),
                    accept);
        } catch (IllegalArgumentException e) {
            throw DicomWebError.badRequest(e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw DicomWebError.notAcceptable(e.getMessage());
        }
        DicomWebPath.Resource resource = request.path().resource();
        if (thumbnail(resource) && parameters.viewport().isEmpty()) {
            parameters = new RenderParameters(
                    parameters.window(),
                    Optional.of(new RenderParameters.Viewport(THUMBNAIL_SIZE, THUMBNAIL_SIZE, Optional.empty())),
                    parameters.quality(),
                    parameters.mediaType());
        }
        DicomWebReads.SeriesView series = switch (resource) {
            case STUDY_THUMBNAIL ->
                reads.study(request.path().datastoreId(), request.path().requireStudy())
                        .get(0);
            default -> RetrievalTarget.series(reads, request);
        };
        String sopInstanceUid = request.path().instance().orElseGet(() -> middle(series.instanceUids()));
        int number = request.path().tail().map(RenderedHandler::frameNumber).orElse(1);
        InstanceDataset instance = series.instance(sopInstanceUid);
        StoredFrames stored = instance.frames();
        String frameId = stored.frameId(number)
                .orElseThrow(() -> DicomWebError.notFound("Instance " + sopInstanceUid + " has "
                        + stored.frameIds().size() + " frames; there is no frame " + number));
        try {
            byte[] samples = frames.decoded(reads.frame(series.imageSet(), frameId), stored);
            // What the decoder gives may differ from what the data set describes (colour transforms undone, chroma at
            // full resolution).
            SyntaxRule syntax = TransferSyntaxTable.require(stored.transferSyntaxUid());
            PixelLayout encoded = PixelLayout.of(instance.dataset());
            PixelLayout layout =
                    syntax.nativePixels() ? encoded : syntax.decoder().decodedLayout(encoded);
            FrameRenderer.Image image = FrameRenderer.render(samples, layout, presentation(instance), parameters);
            return new WireResponse(
                    200,
                    Map.of("Content-Type", parameters.mediaType()),
                    RenderedImages.encode(image, parameters.mediaType(), parameters.quality()));
        } catch (UnsupportedPixelsException e) {
            throw DicomWebError.notAcceptable(
                    "Frame " + number + " of instance " + sopInstanceUid + " cannot be rendered: " + e.getMessage());
        }
    }

    static boolean thumbnail(DicomWebPath.Resource resource) {
        return resource.name().endsWith("THUMBNAIL");
    }

    private static String middle(List<String> instanceUids) {
        if (instanceUids.isEmpty()) {
            throw DicomWebError.notFound("The series has no instance");
        }
        return instanceUids.get(instanceUids.size() / 2);
    }

    private static int frameNumber(String text) {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DicomWebError.badRequest("A rendered frame is one frame number from 1; got '" + text + "'");
    }

    /**
     * Rescale Slope and Intercept (1 and 0 when absent), the first Window Center and Width and the palette, if any, and
     * whether the samples are floats.
     */
    static FrameRenderer.Presentation presentation(InstanceDataset instance) throws UnsupportedPixelsException {
        Dataset dataset = instance.dataset();
        Optional<Double> center = first(dataset, Tag.WindowCenter);
        Optional<Double> width = first(dataset, Tag.WindowWidth).filter(w -> w >= 1);
        return new FrameRenderer.Presentation(
                first(dataset, Tag.RescaleSlope).orElse(1.0),
                first(dataset, Tag.RescaleIntercept).orElse(0.0),
                center.isPresent() && width.isPresent()
                        ? Optional.of(new RenderParameters.Window(center.get(), width.get(), "linear"))
                        : Optional.empty(),
                Palette.of(dataset),
                instance.pixelDataTag() == Tag.FloatPixelData || instance.pixelDataTag() == Tag.DoubleFloatPixelData);
    }

    private static Optional<Double> first(Dataset dataset, int tag) {
        List<String> values = dataset.getStrings(tag);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(values.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
