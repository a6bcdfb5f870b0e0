package org.openahi.core.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.imageset.ImageSetIdentity;
import org.openahi.core.store.Ids;

/**
 * Groups a job's instances into image sets as AHI does (ahi-behaviour §3.6): one primary image set per
 * series; instances whose identity agrees with the series' primary set (the existing one, or else the first
 * instance of the series in the job) join it; the others go to non-primary image sets, one per distinct
 * identity.
 */
final class ImportGrouping {
    private ImportGrouping() {}

    /** @param existingPrimary the live primary image set of a series, if any */
    static List<ImportTarget> group(
            List<StagedInstance> instances, Function<String, Optional<ImageSet>> existingPrimary) {
        Map<String, List<StagedInstance>> bySeries = new LinkedHashMap<>();
        for (StagedInstance instance : instances) {
            bySeries.computeIfAbsent(instance.identity().seriesInstanceUid(), uid -> new ArrayList<>())
                    .add(instance);
        }
        List<ImportTarget> targets = new ArrayList<>();
        for (Map.Entry<String, List<StagedInstance>> series : bySeries.entrySet()) {
            Optional<ImageSet> primary = existingPrimary.apply(series.getKey());
            ImageSetIdentity primaryIdentity = primary.map(ImageSet::identity)
                    .orElse(series.getValue().get(0).identity());
            List<StagedInstance> joining = new ArrayList<>();
            Map<ImageSetIdentity, List<StagedInstance>> conflicting = new LinkedHashMap<>();
            for (StagedInstance instance : series.getValue()) {
                if (primaryIdentity.conflictsWith(instance.identity()).isEmpty()) {
                    joining.add(instance);
                } else {
                    conflicting
                            .computeIfAbsent(instance.identity(), identity -> new ArrayList<>())
                            .add(instance);
                }
            }
            if (!joining.isEmpty()) {
                targets.add(new ImportTarget(
                        primary.map(ImageSet::id).orElseGet(Ids::newId), primary, true, primaryIdentity, joining));
            }
            conflicting.forEach((identity, members) ->
                    targets.add(new ImportTarget(Ids.newId(), Optional.empty(), false, identity, members)));
        }
        return targets;
    }
}
