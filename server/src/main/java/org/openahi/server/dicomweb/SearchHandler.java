package org.openahi.server.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.dicomweb.DicomWebSearch;
import org.openahi.core.dicomweb.DicomWebUrls;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.json.BulkDataPolicy;
import org.openahi.dicom.json.DicomJsonWriter;
import org.openahi.server.http.WireResponse;

/**
 * QIDO-RS: SearchDICOMStudies, SearchDICOMSeries and SearchDICOMInstances (series- and study-scoped), answered as
 * a DICOM JSON array; no match is {@code 200 []}. PS3.18 warnings (fuzzy matching ignored, more results) go in
 * the {@code Warning} header.
 */
public final class SearchHandler implements DicomWebHandler {
  private final DicomWebPath.Resource resource;
  private final String operation;
  private final DicomWebSearch search;

  private SearchHandler(DicomWebPath.Resource resource, String operation, DicomWebSearch search) {
    this.resource = resource;
    this.operation = operation;
    this.search = search;
  }

  /** One handler per searchable resource. */
  public static List<DicomWebHandler> all(DicomWebSearch search) {
    return List.of(new SearchHandler(DicomWebPath.Resource.STUDIES, "SearchDICOMStudies", search),
        new SearchHandler(DicomWebPath.Resource.STUDY_SERIES, "SearchDICOMSeries", search),
        new SearchHandler(DicomWebPath.Resource.STUDY_INSTANCES, "SearchDICOMInstances", search),
        new SearchHandler(DicomWebPath.Resource.SERIES_INSTANCES, "SearchDICOMInstances", search));
  }

  @Override
  public String operation() {
    return operation;
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public DicomWebPath.Resource resource() {
    return resource;
  }

  @Override
  public WireResponse handle(DicomWebRequest request) throws IOException {
    MetadataResponse.requireJsonAccepted(request);
    DicomWebPath path = request.path();
    DicomWebUrls urls = request.urls();
    Map<String, List<String>> parameters = request.query().asMap();
    DicomWebSearch.Found found = switch (resource) {
      case STUDIES -> search.studies(path.datastoreId(), parameters, urls);
      case STUDY_SERIES -> search.series(path.datastoreId(), path.requireStudy(), parameters, urls);
      case STUDY_INSTANCES -> search.instances(path.datastoreId(), path.requireStudy(), Optional.empty(), parameters,
          urls);
      default -> search.instances(path.datastoreId(), path.requireStudy(), Optional.of(path.requireSeries()),
          parameters, urls);
    };
    StringBuilder json = new StringBuilder(1024 * Math.max(1, found.matches().size()));
    json.append('[');
    for (Dataset match : found.matches()) {
      if (json.length() > 1) {
        json.append(',');
      }
      DicomJsonWriter.write(match, json, BulkDataPolicy.inline());
    }
    json.append(']');
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/dicom+json");
    if (!found.warnings().isEmpty()) {
      headers.put("Warning", String.join(", ", found.warnings()));
    }
    return new WireResponse(200, headers, json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
