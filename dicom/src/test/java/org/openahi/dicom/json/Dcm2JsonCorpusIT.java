package org.openahi.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dicom.DicomParseException;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.testing.Dcm2JsonComparison;
import org.openahi.testing.Dcm2JsonGolden;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * Every corpus file against DCMTK's dcm2json: files dcm2json reads give our DICOM JSON equal to its output after the
 * normalisations of {@link Dcm2JsonComparison} (module testing); files it rejects are rejected by us with
 * {@link DicomParseException}. With DCMTK installed the golden is regenerated and must equal the committed one
 * ({@link Dcm2JsonGolden}).
 */
class Dcm2JsonCorpusIT {

    @TempDir
    Path temp;

    @Test
    void ourJsonEqualsDcm2jsonForEveryCorpusFile() throws Exception {
        Map<String, Dcm2JsonGolden.Record> golden = golden();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int rejected = 0;
        int elements = 0;
        int excluded = 0;
        List<SharedCorpus.Entry> entries = SharedCorpus.manifest();
        for (SharedCorpus.Entry entry : entries) {
            Dcm2JsonGolden.Record record = golden.get(entry.path());
            assertThat(record).as("golden entry for %s", entry.path()).isNotNull();
            DicomFile file;
            try {
                file = DicomReader.read(SharedCorpus.dicom(entry.path()));
            } catch (DicomParseException e) {
                if (record.readable()) {
                    failures.add(entry.path() + ": we reject it (" + e.getMessage() + ") but dcm2json reads it");
                } else {
                    rejected++;
                }
                continue;
            }
            if (!record.readable()) {
                failures.add(entry.path() + ": we read it but dcm2json fails: " + record.error());
                continue;
            }
            boolean implicit =
                    file.transferSyntax() != null && !file.transferSyntax().explicitVr();
            Dcm2JsonComparison comparison = new Dcm2JsonComparison(entry.path(), record.recipe(), implicit, Set.of());
            comparison.compare(
                    Dcm2JsonComparison.readJson(DicomJsonWriter.toJson(file.dataset(), BulkDataPolicy.inline())),
                    record.json());
            failures.addAll(comparison.differences());
            compared++;
            elements += comparison.compared();
            excluded += comparison.excluded();
        }
        System.out.printf(
                "dcm2json corpus check: %d files, %d compared element by element (%d elements, %d text"
                        + " values left to CharacterSetCorpusIT), %d rejected as dcm2json rejects them%n",
                entries.size(), compared, elements, excluded, rejected);
        assertThat(failures).as("differences from dcm2json").isEmpty();
        assertThat(compared + rejected).isEqualTo(entries.size());
    }

    /** The committed golden, or, with DCMTK installed, a fresh one that must equal it (or replaces it on request). */
    private Map<String, Dcm2JsonGolden.Record> golden() throws Exception {
        boolean write = Boolean.getBoolean("openahi.dicom.writeGolden");
        if (!Oracles.available("dcm2json") || !Oracles.available("dcmodify")) {
            assertThat(write).as("regenerating the golden needs DCMTK").isFalse();
            return Dcm2JsonGolden.load();
        }
        Map<String, Dcm2JsonGolden.Record> fresh = regenerate();
        if (write) {
            Dcm2JsonGolden.save(Dcm2JsonGolden.SOURCE, fresh);
            System.out.println("wrote " + Dcm2JsonGolden.SOURCE.toAbsolutePath().normalize());
            return fresh;
        }
        Map<String, Dcm2JsonGolden.Record> committed = Dcm2JsonGolden.load();
        List<String> stale = new ArrayList<>();
        for (String file : fresh.keySet()) {
            Dcm2JsonGolden.Record old = committed.get(file);
            if (old == null || !Dcm2JsonGolden.line(old).equals(Dcm2JsonGolden.line(fresh.get(file)))) {
                stale.add(file);
            }
        }
        System.out.println("dcm2json golden regenerated for " + fresh.size() + " files; " + stale.size()
                + " differ from the committed golden");
        assertThat(stale)
                .as("committed golden differs from this DCMTK's output; regenerate with"
                        + " -Dopenahi.dicom.writeGolden=true (see Dcm2JsonGolden)")
                .isEmpty();
        assertThat(committed.keySet()).isEqualTo(fresh.keySet());
        return fresh;
    }

    private Map<String, Dcm2JsonGolden.Record> regenerate() throws Exception {
        Path corpus = SharedCorpus.dicom();
        Map<String, Future<Dcm2JsonGolden.Record>> futures = new TreeMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (SharedCorpus.Entry entry : SharedCorpus.manifest()) {
                futures.put(entry.path(), pool.submit(() -> Dcm2JsonGolden.generate(corpus, entry.path(), temp)));
            }
            Map<String, Dcm2JsonGolden.Record> records = new TreeMap<>();
            for (Map.Entry<String, Future<Dcm2JsonGolden.Record>> f : futures.entrySet()) {
                records.put(f.getKey(), f.getValue().get());
            }
            try (var left = Files.list(temp)) {
                assertThat(left).as("temporary copies removed").isEmpty();
            }
            return records;
        }
    }
}
