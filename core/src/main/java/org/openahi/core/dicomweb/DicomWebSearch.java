package org.openahi.core.dicomweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openahi.core.error.NotFound;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.core.imageset.QidoRow;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.store.Transaction;
import org.openahi.dicom.Dataset;

/**
 * QIDO-RS (SearchDICOMStudies, SearchDICOMSeries, SearchDICOMInstances) over the live primary image sets of a
 * data store, answered from the metadata store's indexes (image set rows and their instance rows), never from
 * the documents. Matches are PS3.18 data sets with the standard return keys and a RetrieveURL.
 */
public final class DicomWebSearch {
  private final MetadataStore store;

  public DicomWebSearch(MetadataStore store) {
    this.store = store;
  }

  /** The matches of one page, and PS3.18 Warning texts (fuzzy matching ignored, more results beyond the page). */
  public record Found(List<Dataset> matches, List<String> warnings) {
    public Found {
      matches = List.copyOf(matches);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * @param urls the data store's DICOMweb URLs, for RetrieveURL
   * @param parameters the decoded query parameters, a name possibly repeated
   */
  public Found studies(String datastoreId, Map<String, List<String>> parameters, DicomWebUrls urls) {
    QidoParameters query = QidoParameters.parse(QidoLevel.STUDY, parameters);
    return this.<QidoRow.Study>find(datastoreId, query, Optional.empty(), Optional.empty(),
        (tx, q) -> tx.imageSets().searchStudies(q),
        study -> QidoDatasets.study(study, urls));
  }

  public Found series(String datastoreId, String studyInstanceUid, Map<String, List<String>> parameters,
                      DicomWebUrls urls) {
    QidoParameters query = QidoParameters.parse(QidoLevel.SERIES, parameters);
    return this.<QidoRow.Series>find(datastoreId, query, Optional.of(studyInstanceUid), Optional.empty(),
        (tx, q) -> tx.imageSets().searchSeries(q), series -> QidoDatasets.series(series, urls));
  }

  /** Instances of the study, or of one of its series when {@code seriesInstanceUid} is given. */
  public Found instances(String datastoreId, String studyInstanceUid, Optional<String> seriesInstanceUid,
                         Map<String, List<String>> parameters, DicomWebUrls urls) {
    QidoParameters query = QidoParameters.parse(QidoLevel.INSTANCE, parameters);
    return this.<QidoRow.Instance>find(datastoreId, query, Optional.of(studyInstanceUid), seriesInstanceUid,
        (tx, q) -> tx.imageSets().searchInstances(q), instance -> QidoDatasets.instance(instance, urls));
  }

  private interface Search<R extends QidoRow> {
    List<R> run(Transaction tx, QidoQuery query);
  }

  private <R extends QidoRow> Found find(String datastoreId, QidoParameters parameters, Optional<String> study,
                                         Optional<String> series, Search<R> search, Function<R, Dataset> dataset) {
    List<String> warnings = new ArrayList<>();
    if (parameters.fuzzyMatchingRequested()) {
      warnings.add("299 openahi: The fuzzymatching parameter is not supported. Only literal matching has been "
          + "performed.");
    }
    // One row beyond the page says whether more results exist.
    QidoQuery query = new QidoQuery(datastoreId, study, series, parameters.matches(), parameters.offset(),
        parameters.limit() + 1);
    List<R> rows = store.read(tx -> {
      if (tx.datastores().find(datastoreId).isEmpty()) {
        throw new NotFound("Datastore " + datastoreId + " not found");
      }
      return parameters.limit() == 0 ? List.<R>of() : search.run(tx, query);
    });
    if (rows.size() > parameters.limit()) {
      rows = rows.subList(0, parameters.limit());
      warnings.add(parameters.endsAtCap()
          ? "299 openahi: There are more than " + QidoParameters.MAX_RESULTS + " results; the rest cannot be "
            + "reached through QIDO-RS."
          : "299 openahi: There are additional results that can be requested.");
    }
    return new Found(rows.stream().map(dataset).toList(), warnings);
  }
}
