package org.openahi.core.importing;

import java.util.List;
import java.util.Optional;
import org.openahi.core.metadata.AppliedOverride;

/**
 * What happened to one input file, as the job's SUCCESS, WARNING or FAILURE manifest reports it. Every
 * input file ends in exactly one outcome. {@code overrides} are the attributes an imported file took from the job's
 * metadata mappings instead of its own.
 */
public record FileOutcome(
        String inputFile,
        Kind kind,
        Optional<String> imageSetId,
        Optional<Integer> imageSetVersion,
        Optional<Boolean> primary,
        Optional<FileFailure> failure,
        Optional<String> message,
        List<AppliedOverride> overrides) {

    public FileOutcome {
        overrides = List.copyOf(overrides);
    }

    public FileOutcome withOverrides(List<AppliedOverride> applied) {
        return new FileOutcome(inputFile, kind, imageSetId, imageSetVersion, primary, failure, message, applied);
    }

    public enum Kind {
        SUCCESS,
        WARNING,
        FAILURE
    }

    public static FileOutcome success(String inputFile, String imageSetId, int version, boolean primary) {
        return new FileOutcome(
                inputFile,
                Kind.SUCCESS,
                Optional.of(imageSetId),
                Optional.of(version),
                Optional.of(primary),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    public static FileOutcome warning(
            String inputFile, String imageSetId, int version, boolean primary, String warning) {
        return new FileOutcome(
                inputFile,
                Kind.WARNING,
                Optional.of(imageSetId),
                Optional.of(version),
                Optional.of(primary),
                Optional.empty(),
                Optional.of(warning),
                List.of());
    }

    public static FileOutcome failure(String inputFile, FileFailure failure, String message) {
        return new FileOutcome(
                inputFile,
                Kind.FAILURE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(failure),
                Optional.of(message),
                List.of());
    }
}
