package org.openahi.server.dicomweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.metadata.StoredFrames;
import org.openahi.server.http.StreamingPayload;
import org.openahi.server.http.WireResponse;

/**
 * WADO-RS retrieval of DICOM Part 10 instances: GetDICOMInstance (one instance; AHI answers it as a single
 * application/dicom body, PS3.18 as multipart — both are offered), a series, or a study (all its primary image
 * sets), streamed one instance at a time.
 */
public final class InstanceRetrievalHandler implements DicomWebHandler {
    private final DicomWebReads reads;
    private final InstanceFiles files;

    public InstanceRetrievalHandler(DicomWebReads reads, FrameReader frames) {
        this.reads = reads;
        this.files = new InstanceFiles(reads, frames);
    }

    /** An instance to send: its attributes are rebuilt only when its part is reached. */
    private record Selected(DicomWebReads.SeriesView series, String sopInstanceUid, StoredFrames frames) {

        Selected(DicomWebReads.SeriesView series, String sopInstanceUid) {
            this(series, sopInstanceUid, series.frames(sopInstanceUid));
        }
    }

    @Override
    public WireResponse handle(DicomWebRequest request) throws IOException {
        DicomWebPath.Resource resource = request.path().resource();
        List<Selected> selected = select(request);
        InstanceRepresentation representation = InstanceRepresentation.negotiate(
                MediaRange.parseAccept(request.headerValues("accept")),
                selected.stream()
                        .map(s -> s.frames().transferSyntaxUid())
                        .distinct()
                        .toList(),
                resource == DicomWebPath.Resource.INSTANCE);
        if (!representation.multipart()) {
            Selected only = selected.get(0);
            String syntax = representation.syntaxFor(only.frames().transferSyntaxUid());
            return WireResponse.streamed(
                    Map.of("Content-Type", InstanceRepresentation.DICOM + "; transfer-syntax=" + syntax),
                    new StreamingPayload(files.open(only.series(), only.sopInstanceUid(), syntax), -1));
        }
        List<MultipartResponse.Part> parts = selected.stream()
                .map(next -> {
                    String syntax = representation.syntaxFor(next.frames().transferSyntaxUid());
                    return new MultipartResponse.Part(
                            InstanceRepresentation.DICOM + "; transfer-syntax=" + syntax,
                            "instance " + next.sopInstanceUid() + " of series "
                                    + next.series().seriesInstanceUid() + " in image set "
                                    + next.series().imageSet().id(),
                            () -> files.open(next.series(), next.sopInstanceUid(), syntax));
                })
                .toList();
        boolean oneSyntax = !representation.transferSyntax().equals(InstanceRepresentation.STORED);
        return MultipartResponse.of(
                InstanceRepresentation.DICOM, oneSyntax ? representation.transferSyntax() : null, parts);
    }

    private List<Selected> select(DicomWebRequest request) throws IOException {
        DicomWebPath.Resource resource = request.path().resource();
        List<Selected> selected = new ArrayList<>();
        if (resource == DicomWebPath.Resource.STUDY) {
            for (DicomWebReads.SeriesView series :
                    reads.study(request.path().datastoreId(), request.path().requireStudy())) {
                series.instanceUids().forEach(sop -> selected.add(new Selected(series, sop)));
            }
            return selected;
        }
        DicomWebReads.SeriesView series = RetrievalTarget.series(reads, request);
        if (resource == DicomWebPath.Resource.INSTANCE) {
            selected.add(new Selected(series, request.path().requireInstance()));
        } else {
            series.instanceUids().forEach(sop -> selected.add(new Selected(series, sop)));
        }
        return selected;
    }
}
