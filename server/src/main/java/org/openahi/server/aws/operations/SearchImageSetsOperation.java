package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.imageset.ImageSetSearch;
import org.openahi.core.imageset.ImageSetSummary;
import org.openahi.core.imageset.SearchQuery;
import org.openahi.core.imageset.SearchResult;
import org.openahi.core.page.Page;
import org.openahi.core.tier.StorageTiers;
import org.openahi.core.tier.TierState;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * SearchImageSets: the model's criteria turned into {@link ImageSetSearch} filters; each summary carries the
 * image set's DICOMTags. The response echoes the sort in effect.
 */
public final class SearchImageSetsOperation implements OperationHandler {
    private static final InputMember FILTERS = InputMember.of("searchCriteria", "filters");
    private static final InputMember FILTER_VALUES = InputMember.of("searchCriteria", "filters", "values");
    private static final InputMember FILTER_OPERATOR = InputMember.of("searchCriteria", "filters", "operator");
    private static final InputMember SORT = InputMember.of("searchCriteria", "sort");
    private static final InputMember SORT_FIELD = InputMember.of("searchCriteria", "sort", "sortField");
    private static final InputMember SORT_ORDER = InputMember.of("searchCriteria", "sort", "sortOrder");
    private static final InputMember STUDY_DATE =
            InputMember.of("searchCriteria", "filters", "values", "DICOMStudyDateAndTime", "DICOMStudyDate");
    private static final InputMember STUDY_TIME =
            InputMember.of("searchCriteria", "filters", "values", "DICOMStudyDateAndTime", "DICOMStudyTime");
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember MAX_RESULTS = InputMember.of("maxResults");
    private static final InputMember NEXT_TOKEN = InputMember.of("nextToken");
    private static final int DEFAULT_MAX_RESULTS = 50;
    private static final Map<String, SearchQuery.Attribute> IDENTIFIERS = Map.of(
            "DICOMPatientId", SearchQuery.Attribute.PATIENT_ID,
            "DICOMAccessionNumber", SearchQuery.Attribute.ACCESSION_NUMBER,
            "DICOMStudyId", SearchQuery.Attribute.STUDY_ID,
            "DICOMStudyInstanceUID", SearchQuery.Attribute.STUDY_INSTANCE_UID,
            "DICOMSeriesInstanceUID", SearchQuery.Attribute.SERIES_INSTANCE_UID);
    private static final Map<String, SearchQuery.SortField> SORT_FIELDS = Map.of(
            "updatedAt", SearchQuery.SortField.UPDATED_AT,
            "createdAt", SearchQuery.SortField.CREATED_AT,
            "DICOMStudyDateAndTime", SearchQuery.SortField.STUDY_DATE_TIME);

    private final ImageSetSearch search;
    private final StorageTiers tiers;

    public SearchImageSetsOperation(ImageSetSearch search, StorageTiers tiers) {
        this.search = search;
        this.tiers = tiers;
    }

    @Override
    public String operation() {
        return "SearchImageSets";
    }

    @Override
    public ObjectNode handle(Input input) {
        List<ImageSetSearch.Filter> filters = new ArrayList<>();
        for (JsonNode filter : input.node(FILTERS).orElse(JsonNodeFactory.instance.arrayNode())) {
            List<ImageSetSearch.Value> values = new ArrayList<>();
            filter.path(FILTER_VALUES.name()).forEach(value -> values.add(value(value)));
            filters.add(new ImageSetSearch.Filter(
                    ImageSetSearch.Operator.valueOf(
                            filter.path(FILTER_OPERATOR.name()).asText()),
                    values));
        }
        JsonNode sortNode = input.node(SORT).orElse(JsonNodeFactory.instance.missingNode());
        ImageSetSearch.Sort sort = sortNode.isObject()
                ? new ImageSetSearch.Sort(
                        SORT_FIELDS.get(sortNode.path(SORT_FIELD.name()).asText()),
                        sortNode.path(SORT_ORDER.name()).asText().equals("ASC"))
                : ImageSetSearch.DEFAULT_SORT;
        Page<SearchResult> page = search.search(
                input.string(DATASTORE_ID),
                filters,
                sort,
                input.optionalInt(MAX_RESULTS).orElse(DEFAULT_MAX_RESULTS),
                input.optionalString(NEXT_TOKEN));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = output.putArray("imageSetsMetadataSummaries");
        Map<String, TierState> tierStates = tiers.states(
                page.items().stream().map(result -> result.imageSet().id()).toList());
        page.items()
                .forEach(result -> summaries.add(
                        summary(result, tierStates.get(result.imageSet().id()))));
        output.putObject("sort")
                .put(
                        "sortField",
                        SORT_FIELDS.entrySet().stream()
                                .filter(e -> e.getValue() == sort.field())
                                .findFirst()
                                .orElseThrow()
                                .getKey())
                .put("sortOrder", sort.ascending() ? "ASC" : "DESC");
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }

    /** One value of a filter; the model's union guarantees exactly one member is set. */
    private static ImageSetSearch.Value value(JsonNode value) {
        Map.Entry<String, JsonNode> member = value.properties().iterator().next();
        JsonNode content = member.getValue();
        return switch (member.getKey()) {
            case "createdAt" -> new ImageSetSearch.Time(SearchQuery.SortField.CREATED_AT, Timestamps.instant(content));
            case "updatedAt" -> new ImageSetSearch.Time(SearchQuery.SortField.UPDATED_AT, Timestamps.instant(content));
            case "DICOMStudyDateAndTime" ->
                new ImageSetSearch.StudyDate(
                        content.path(STUDY_DATE.name()).asText(),
                        Optional.ofNullable(content.get(STUDY_TIME.name()))
                                .map(JsonNode::asText)
                                .filter(time -> !time.isEmpty()));
            case "isPrimary" -> new ImageSetSearch.Primary(content.booleanValue());
            default -> new ImageSetSearch.Identifier(IDENTIFIERS.get(member.getKey()), content.asText());
        };
    }

    private ObjectNode summary(SearchResult result, TierState tier) {
        ObjectNode summary = JsonNodeFactory.instance
                .objectNode()
                .put("imageSetId", result.imageSet().id())
                .put("version", result.imageSet().latestVersion());
        summary.set("createdAt", Timestamps.epochSeconds(result.imageSet().createdAt()));
        summary.set("updatedAt", Timestamps.epochSeconds(result.imageSet().updatedAt()));
        summary.set("lastAccessedAt", Timestamps.epochSeconds(tier.lastAccessedAt()));
        summary.put("storageTier", tier.tier().name());
        summary.put("isPrimary", result.imageSet().primary());
        ImageSetIdentity identity = result.imageSet().identity();
        ImageSetSummary facts = result.summary();
        ObjectNode tags = summary.putObject("DICOMTags");
        putText(tags, "DICOMPatientId", identity.patientId());
        putText(tags, "DICOMPatientName", facts.patientName());
        putText(tags, "DICOMPatientBirthDate", facts.patientBirthDate());
        putText(tags, "DICOMPatientSex", facts.patientSex());
        putText(tags, "DICOMStudyInstanceUID", identity.studyInstanceUid());
        putText(tags, "DICOMStudyId", identity.studyId());
        putText(tags, "DICOMStudyDescription", facts.studyDescription());
        tags.put("DICOMNumberOfStudyRelatedSeries", facts.seriesCount());
        tags.put("DICOMNumberOfStudyRelatedInstances", facts.instanceCount());
        putText(tags, "DICOMAccessionNumber", identity.accessionNumber());
        putText(tags, "DICOMSeriesInstanceUID", identity.seriesInstanceUid());
        putText(tags, "DICOMSeriesModality", facts.seriesModality());
        putText(tags, "DICOMSeriesBodyPart", facts.seriesBodyPart());
        parseInt(identity.seriesNumber()).ifPresent(number -> tags.put("DICOMSeriesNumber", number));
        putText(tags, "DICOMStudyDate", identity.studyDate());
        putText(tags, "DICOMStudyTime", facts.studyTime());
        return summary;
    }

    private static void putText(ObjectNode tags, String member, String value) {
        if (value != null) {
            tags.put(member, value);
        }
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
