package org.openahi.core.throttle;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rate of each action, per principal. {@code aws} is AHI's published throttling table (ahi-behaviour.md §12.3;
 * DICOMweb searches and stores, which it does not list, take its DICOMweb retrieve rate); {@code generous} (the
 * default) is 1,000 times AHI's rates and at least 10,000 per second, above what this server answers (its load
 * benchmarks peak near 8,000/s), so it only stops a runaway loop; {@code off} throttles nothing. Overrides ({@code Action=rate/burst,...}) replace single
 * entries.
 */
public final class RateProfile {
    private static final Rate DICOMWEB = new Rate(50, 100);
    private static final Map<String, Rate> AWS = Map.ofEntries(
            Map.entry("CreateDatastore", new Rate(0.085, 1)),
            Map.entry("GetDatastore", new Rate(10, 20)),
            Map.entry("ListDatastores", new Rate(5, 10)),
            Map.entry("DeleteDatastore", new Rate(0.085, 1)),
            Map.entry("StartDICOMImportJob", new Rate(1, 2)),
            Map.entry("GetDICOMImportJob", new Rate(25, 50)),
            Map.entry("ListDICOMImportJobs", new Rate(10, 20)),
            Map.entry("SearchImageSets", new Rate(25, 50)),
            Map.entry("GetImageSet", new Rate(25, 50)),
            Map.entry("GetImageSetMetadata", new Rate(50, 100)),
            Map.entry("GetImageFrame", new Rate(1000, 2000)),
            Map.entry("ListImageSetVersions", new Rate(25, 50)),
            Map.entry("UpdateImageSetMetadata", new Rate(0.25, 1)),
            Map.entry("CopyImageSet", new Rate(0.25, 1)),
            Map.entry("DeleteImageSet", new Rate(0.25, 1)),
            Map.entry("TagResource", new Rate(10, 20)),
            Map.entry("UntagResource", new Rate(10, 20)),
            Map.entry("ListTagsForResource", new Rate(10, 20)));

    private final String name;
    private final Map<String, Rate> rates;
    private final Optional<Rate> otherwise;

    private RateProfile(String name, Map<String, Rate> rates, Optional<Rate> otherwise) {
        this.name = name;
        this.rates = Map.copyOf(rates);
        this.otherwise = otherwise;
    }

    /** {@code aws}, {@code generous} or {@code off}, with {@code overrides} ("Action=rate/burst,..."; may be empty). */
    public static RateProfile named(String profile, String overrides) {
        RateProfile base = switch (profile) {
            case "aws" -> new RateProfile("aws", AWS, Optional.of(DICOMWEB));
            case "generous" -> {
                Map<String, Rate> generous = new HashMap<>();
                AWS.forEach((action, rate) -> generous.put(action, generous(rate)));
                yield new RateProfile("generous", generous, Optional.of(generous(DICOMWEB)));
            }
            case "off" -> new RateProfile("off", Map.of(), Optional.empty());
            default ->
                throw new IllegalArgumentException(
                        "throttling profile must be aws, generous or off, not '" + profile + "'");
        };
        if (overrides.isBlank()) {
            return base;
        }
        Map<String, Rate> rates = new HashMap<>(base.rates);
        for (String entry : overrides.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not Action=rate/burst");
            }
            rates.put(entry.substring(0, equals).strip(), Rate.parse(entry.substring(equals + 1)));
        }
        return new RateProfile(base.name + " with " + overrides.strip(), rates, base.otherwise);
    }

    private static Rate generous(Rate aws) {
        double perSecond = Math.max(10_000, aws.perSecond() * 1000);
        return new Rate(perSecond, (int) (2 * perSecond));
    }

    /** The rate of an action (its name without the {@code medical-imaging:} prefix); empty when not throttled. */
    public Optional<Rate> rate(String action) {
        Rate rate = rates.get(action);
        return rate != null ? Optional.of(rate) : otherwise;
    }

    @Override
    public String toString() {
        return name;
    }
}
