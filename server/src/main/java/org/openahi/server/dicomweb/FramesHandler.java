package org.openahi.server.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.imageset.StoredFrame;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.core.pixels.UnsupportedPixelsException;
import org.openahi.server.http.WireResponse;

/**
 * GetDICOMInstanceFrames: GET .../instances/{instance}/frames/{list}, the 1-based frame numbers comma-separated,
 * in any order, without duplicates (as AHI requires); the frames as stored (HTJ2K as image/jphc) or uncompressed.
 */
public final class FramesHandler implements DicomWebHandler {
    private final DicomWebReads reads;
    private final FrameReader frames;

    public FramesHandler(DicomWebReads reads, FrameReader frames) {
        this.reads = reads;
        this.frames = frames;
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        List<Integer> numbers = frameNumbers(request.path().tail().orElseThrow());
        DicomWebReads.SeriesView series = RetrievalTarget.series(reads, request);
        StoredFrames stored = series.frames(request.path().requireInstance());
        FrameRepresentation representation = FrameRepresentation.negotiate(
                MediaRange.parseAccept(request.headerValues("accept")), stored.transferSyntaxUid());
        List<MultipartResponse.Part> parts = new ArrayList<>();
        for (int number : numbers) {
            String frameId = stored.frameId(number)
                    .orElseThrow(() -> DicomWebError.notFound("Instance "
                            + request.path().requireInstance() + " has "
                            + stored.frameIds().size() + " frames; there is no frame "
                            + number));
            StoredFrame frame = reads.frame(series.imageSet(), frameId);
            parts.add(new MultipartResponse.Part(
                    representation.partContentType(),
                    "frame " + number + " of instance " + request.path().requireInstance() + " in image set "
                            + series.imageSet().id(),
                    () -> new ByteArrayInputStream(content(frame, representation, stored))));
        }
        return MultipartResponse.of(representation.mediaType(), representation.transferSyntax(), parts);
    }

    private byte[] content(StoredFrame frame, FrameRepresentation representation, StoredFrames stored)
            throws IOException {
        if (!representation.decode()) {
            return frames.encoded(frame);
        }
        try {
            return frames.decoded(frame, stored);
        } catch (UnsupportedPixelsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** "1,3,2": positive, distinct; anything else is a 400 saying what is wrong. */
    static List<Integer> frameNumbers(String list) {
        List<Integer> numbers = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (String item : list.split(",", -1)) {
            int number;
            try {
                number = Integer.parseInt(item.strip());
            } catch (NumberFormatException e) {
                throw DicomWebError.badRequest(
                        "Frame list '" + list + "' must be comma-separated frame numbers from 1");
            }
            if (number < 1) {
                throw DicomWebError.badRequest("Frame numbers start at 1; got " + number);
            }
            if (!seen.add(number)) {
                throw DicomWebError.badRequest("Frame " + number + " is listed twice");
            }
            numbers.add(number);
        }
        return numbers;
    }
}
