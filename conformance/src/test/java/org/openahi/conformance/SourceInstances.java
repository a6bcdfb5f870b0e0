package org.openahi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.PixelData;

/**
 * The source files of an import, read with the project's DICOM reader, and the checks that an image set
 * holds exactly what they hold: every attribute (compared through the reader's typed accessors, not through
 * the metadata writer's code) and every frame's pixels.
 */
final class SourceInstances {
    private SourceInstances() {}

    static Map<String, DicomFile> bySopInstanceUid(Path folder) {
        Map<String, DicomFile> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                DicomFile file = DicomReader.read(path);
                files.put(file.dataset().getString(Tag.SOPInstanceUID).strip(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Asserts that every attribute of the source appears in the document: at the instance level, or (for
     * Patient, Study and Series attributes) at the image set's levels, with an equal value.
     */
    static void assertAttributesEqual(DicomFile source, JsonNode document, JsonNode instance) {
        List<JsonNode> levels = List.of(
                instance.path("DICOM"),
                document.at("/Patient/DICOM"),
                document.at("/Study/DICOM"),
                document.path("Study").path("Series").elements().next().path("DICOM"));
        for (Dataset dataset : List.of(source.fileMeta(), source.dataset())) {
            for (Element element : dataset) {
                if (element.tag() == Tag.PixelData || (element.tag() & 0xffff) == 0) {
                    continue;
                }
                String key = keyOf(element.tag());
                JsonNode value = levels.stream()
                        .filter(level -> level.has(key))
                        .map(level -> level.get(key))
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError("Attribute " + key + " is missing from the metadata document"));
                assertValueEquals(key, element, dataset, value);
            }
        }
    }

    private static String keyOf(int tag) {
        boolean privateTag = ((tag >>> 16) & 1) == 1;
        return privateTag || Dictionary.entry(tag) == null ? String.format("%08X", tag) : Dictionary.keyword(tag);
    }

    private static void assertValueEquals(String key, Element element, Dataset dataset, JsonNode value) {
        if (element.isEmpty()) {
            assertThat(value.isNull() || (value.isTextual() && value.asText().isEmpty()))
                    .as(key + " is empty")
                    .isTrue();
            return;
        }
        switch (element.vr().kind()) {
            case SEQUENCE ->
                assertThat(value.size())
                        .as(key + " items")
                        .isEqualTo(element.items().size());
            case TEXT, PERSON_NAME, DECIMAL_STRING, INTEGER_STRING -> {
                List<String> expected = element.strings(dataset.specificCharacterSet());
                List<String> actual = new ArrayList<>();
                (value.isArray() ? value : List.of(value))
                        .forEach(v -> actual.add(v.asText().strip().replace("\0", "")));
                assertThat(actual)
                        .as(key)
                        .containsExactlyElementsOf(
                                expected.stream().map(String::strip).toList());
            }
            case INTEGER -> {
                List<Long> actual = new ArrayList<>();
                (value.isArray() ? value : List.of(value)).forEach(v -> actual.add(v.asLong()));
                assertThat(actual)
                        .as(key)
                        .containsExactlyElementsOf(
                                java.util.Arrays.stream(element.longs()).boxed().toList());
            }
            case FLOAT -> {
                boolean single = element.vr() == org.openahi.dicom.VR.FL;
                List<Double> actual = new ArrayList<>();
                (value.isArray() ? value : List.of(value))
                        .forEach(v -> actual.add(single ? (double) (float) v.asDouble() : v.asDouble()));
                assertThat(actual)
                        .as(key)
                        .containsExactlyElementsOf(java.util.Arrays.stream(element.doubles())
                                .boxed()
                                .toList());
            }
            case TAG -> assertThat(value.get(0).asText()).as(key).isEqualTo(String.format("%08X", element.longs()[0]));
            case BYTES -> {
                try {
                    assertThat(Base64.getDecoder().decode(value.asText()))
                            .as(key)
                            .isEqualTo(element.bulkData().readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The pixel values of a source frame: low BitsStored bits of each sample, sign-extended when signed. */
    static int[] frameSamples(DicomFile source, int frame) {
        try {
            PixelData pixels = source.pixelData();
            byte[] bytes = pixels.frame(frame).readAllBytes();
            Dataset dataset = source.dataset();
            int bitsAllocated = dataset.getInt(Tag.BitsAllocated, 16);
            int bitsStored = dataset.getInt(Tag.BitsStored, bitsAllocated);
            boolean signed = dataset.getInt(Tag.PixelRepresentation, 0) == 1;
            int count = dataset.getInt(Tag.Rows, 0)
                    * dataset.getInt(Tag.Columns, 0)
                    * dataset.getInt(Tag.SamplesPerPixel, 1);
            int[] samples = new int[count];
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < count; i++) {
                int raw = bitsAllocated == 8 ? bytes[i] & 0xff : (bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8;
                int v = raw & mask;
                samples[i] = signed && (v & (1 << (bitsStored - 1))) != 0 ? v | ~mask : v;
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
