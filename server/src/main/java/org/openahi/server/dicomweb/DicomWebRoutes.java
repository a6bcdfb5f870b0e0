package org.openahi.server.dicomweb;

import java.util.List;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.DicomWebSearch;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.server.dicomweb.DicomWebPath.Resource;

/**
 * Every DICOMweb route openahi answers, in one table: method and resource (the path's shape), AHI's IAM action for it
 * (what access policies name, and what logs and metrics call the request), and the handler.
 */
public final class DicomWebRoutes {

    /** One route. */
    public record Route(String method, Resource resource, String operation, DicomWebHandler handler) {}

    private DicomWebRoutes() {}

    public static List<Route> all(
            DicomWebReads reads, FrameReader frames, DicomWebSearch search, InstanceIngest importer) {
        SearchHandler qido = new SearchHandler(search);
        InstanceRetrievalHandler instances = new InstanceRetrievalHandler(reads, frames);
        RenderedHandler rendered = new RenderedHandler(reads, frames);
        StoreHandler stow = new StoreHandler(importer);
        return List.of(
                // QIDO-RS
                get(Resource.STUDIES, "SearchDICOMStudies", qido),
                get(Resource.STUDY_SERIES, "SearchDICOMSeries", qido),
                get(Resource.STUDY_INSTANCES, "SearchDICOMInstances", qido),
                get(Resource.SERIES_INSTANCES, "SearchDICOMInstances", qido),
                // Across studies (PS3.18; openahi's addition), under the same actions
                get(Resource.ALL_SERIES, "SearchDICOMSeries", qido),
                get(Resource.ALL_INSTANCES, "SearchDICOMInstances", qido),
                // WADO-RS
                get(Resource.STUDY, "GetDICOMStudy", instances),
                get(Resource.SERIES, "GetDICOMSeries", instances),
                get(Resource.INSTANCE, "GetDICOMInstance", instances),
                get(Resource.STUDY_METADATA, "GetDICOMStudyMetadata", new StudyMetadataHandler(reads)),
                get(Resource.SERIES_METADATA, "GetDICOMSeriesMetadata", new SeriesMetadataHandler(reads)),
                get(Resource.INSTANCE_METADATA, "GetDICOMInstanceMetadata", new InstanceMetadataHandler(reads)),
                get(Resource.FRAMES, "GetDICOMInstanceFrames", new FramesHandler(reads, frames)),
                get(Resource.BULKDATA, "GetDICOMBulkdata", new BulkDataHandler(reads)),
                // Rendered resources (PS3.18 §10.4; openahi's addition)
                get(Resource.FRAME_RENDERED, "GetDICOMRendered", rendered),
                get(Resource.INSTANCE_RENDERED, "GetDICOMRendered", rendered),
                get(Resource.FRAME_THUMBNAIL, "GetDICOMThumbnail", rendered),
                get(Resource.INSTANCE_THUMBNAIL, "GetDICOMThumbnail", rendered),
                get(Resource.SERIES_THUMBNAIL, "GetDICOMThumbnail", rendered),
                get(Resource.STUDY_THUMBNAIL, "GetDICOMThumbnail", rendered),
                // STOW-RS
                new Route("POST", Resource.STUDIES, "StoreDICOM", stow),
                new Route("POST", Resource.STUDY, "StoreDICOMStudy", stow));
    }

    private static Route get(Resource resource, String operation, DicomWebHandler handler) {
        return new Route("GET", resource, operation, handler);
    }
}
