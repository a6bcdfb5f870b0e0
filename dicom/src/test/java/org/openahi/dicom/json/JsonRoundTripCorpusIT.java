package org.openahi.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.SharedCorpus;

/** DICOM JSON written for each readable corpus file reads back into a data set that writes the same JSON. */
class JsonRoundTripCorpusIT {

    @Test
    void jsonOfEveryReadableFileReadsBack() throws Exception {
        List<String> differences = new ArrayList<>();
        int files = 0;
        int utf8 = 0;
        for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
            Dataset dataset;
            try {
                dataset = DicomReader.read(SharedCorpus.dicom(entry.path())).dataset();
            } catch (DicomParseException broken) {
                continue;
            }
            String json = DicomJsonWriter.toJson(dataset, BulkDataPolicy.inline());
            Dataset read = DicomJsonReader.read(json, uri -> null);
            String again = DicomJsonWriter.toJson(read, BulkDataPolicy.inline());
            String utf8Prefix = "{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},";
            if (!dataset.contains(Tag.SpecificCharacterSet) && again.startsWith(utf8Prefix)) {
                // non-ASCII text without Specific Character Set: the reader stores it as UTF-8 and says so
                again = "{" + again.substring(utf8Prefix.length());
                utf8++;
            }
            if (!again.equals(json)) {
                differences.add(entry.path());
            }
            files++;
        }
        System.out.println("JSON round trip: " + files + " files written as DICOM JSON and read back (" + utf8
                + " with text re-encoded as UTF-8)");
        assertThat(differences).isEmpty();
        assertThat(files).isEqualTo(565);
    }
}
