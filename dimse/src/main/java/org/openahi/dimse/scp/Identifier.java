package org.openahi.dimse.scp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.dimse.message.Status;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.ReceivedData;

/**
 * The identifier of a C-FIND, C-MOVE or C-GET (PS3.4 C.4): its level and its keys, read in the context's transfer
 * syntax. Hierarchical queries only (PS3.4 C.4.1.3.1): the unique keys of the levels above the one asked for each hold
 * a single value.
 */
record Identifier(Level level, Dataset keys, boolean patientRoot) {
    private static final ReadOptions LIMITS =
            ReadOptions.defaults().withMaxMemory(16L << 20).withMaxValueLength(1L << 20);

    /** Query/Retrieve levels, from the top. */
    enum Level {
        PATIENT,
        STUDY,
        SERIES,
        IMAGE
    }

    /** An identifier that cannot be acted on: the status and error comment to answer with. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static Identifier read(Message request) throws Refused {
        if (!(request.data() instanceof ReceivedData.InMemory data)) {
            throw request.data() instanceof ReceivedData.Refused refused
                    ? new Refused(Status.OUT_OF_RESOURCES, refused.reason())
                    : new Refused(Status.DOES_NOT_MATCH_SOP_CLASS, "the request has no identifier");
        }
        Dataset keys;
        try {
            keys = DicomReader.readDataset(
                    new ByteArrayInputStream(data.bytes()), request.context().transferSyntax(), LIMITS);
        } catch (DicomParseException e) {
            throw new Refused(Status.CANNOT_UNDERSTAND, "unreadable identifier: " + e.getMessage());
        } catch (IOException e) {
            throw new Refused(Status.CANNOT_UNDERSTAND, "unreadable identifier: " + e);
        }
        boolean patientRoot = ServiceClasses.isPatientRoot(request.context().abstractSyntax());
        String levelName = Optional.ofNullable(keys.getString(Tag.QueryRetrieveLevel))
                .orElse("")
                .toUpperCase(Locale.ROOT);
        Level level;
        try {
            level = Level.valueOf(levelName);
        } catch (IllegalArgumentException e) {
            throw new Refused(
                    Status.DOES_NOT_MATCH_SOP_CLASS,
                    "Query/Retrieve Level '" + levelName + "' is not PATIENT, STUDY, SERIES or IMAGE");
        }
        if (level == Level.PATIENT && !patientRoot) {
            throw new Refused(Status.DOES_NOT_MATCH_SOP_CLASS, "the Study Root model has no PATIENT level");
        }
        return new Identifier(level, keys, patientRoot);
    }

    /** The values of a key as sent (backslash-separated values joined), or empty when absent or empty. */
    Optional<String> value(int tag) {
        List<String> values = keys.getStrings(tag);
        String joined = String.join("\\", values).strip();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    /** The single value a unique key of a level above must hold (PS3.4 C.4.1.3.1.1). */
    String single(int tag, String keyword) throws Refused {
        List<String> values = keys.getStrings(tag).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
        if (values.size() != 1 || values.get(0).contains("*") || values.get(0).contains("?")) {
            throw new Refused(
                    Status.DOES_NOT_MATCH_SOP_CLASS,
                    level + " level needs a single " + keyword + ", not "
                            + (values.isEmpty() ? "none" : String.join("\\", values)));
        }
        return values.get(0);
    }

    /** The values of a unique key of the level asked for (a list of UIDs), or empty for all. */
    List<String> list(int tag) {
        return keys.getStrings(tag).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }
}
