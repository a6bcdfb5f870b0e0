package org.openahi.core.importing;

import java.util.Optional;

/**
 * What happened to one input file, as the job's SUCCESS, WARNING or FAILURE manifest reports it. Every
 * input file ends in exactly one outcome.
 */
public record FileOutcome(String inputFile, Kind kind, Optional<String> imageSetId, Optional<Integer> imageSetVersion,
                          Optional<Boolean> primary, Optional<FileFailure> failure, Optional<String> message) {

  public enum Kind {
    SUCCESS, WARNING, FAILURE
  }

  public static FileOutcome success(String inputFile, String imageSetId, int version, boolean primary) {
    return new FileOutcome(inputFile, Kind.SUCCESS, Optional.of(imageSetId), Optional.of(version), Optional.of(primary),
        Optional.empty(), Optional.empty());
  }

  public static FileOutcome warning(String inputFile, String imageSetId, int version, boolean primary, String warning) {
    return new FileOutcome(inputFile, Kind.WARNING, Optional.of(imageSetId), Optional.of(version), Optional.of(primary),
        Optional.empty(), Optional.of(warning));
  }

  public static FileOutcome failure(String inputFile, FileFailure failure, String message) {
    return new FileOutcome(inputFile, Kind.FAILURE, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(failure), Optional.of(message));
  }
}
