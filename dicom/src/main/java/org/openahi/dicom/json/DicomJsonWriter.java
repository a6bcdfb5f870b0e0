package org.openahi.dicom.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.Element;
import org.openahi.dicom.PersonName;
import org.openahi.dicom.Sequence;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.charset.SpecificCharacterSet;

/**
 * Writes the DICOM JSON Model (PS3.18 Annex F): an object keyed by eight hex digits per element, with {@code vr}
 * and {@code Value}, {@code InlineBinary} or {@code BulkDataURI}. IS and DS become JSON numbers when they are
 * numbers (otherwise strings, as DCMTK does); empty values among several become {@code null}; FL and FD values that
 * are not finite become the strings {@code NaN}, {@code Infinity}, {@code -Infinity}. Group lengths
 * {@code (gggg,0000)} are left out (they belong to the binary encoding), and trailing empty Person Name components
 * are dropped, as DCMTK's dcm2json does.
 */
public final class DicomJsonWriter {

    private final Appendable out;
    private final BulkDataPolicy policy;

    private DicomJsonWriter(Appendable out, BulkDataPolicy policy) {
        this.out = out;
        this.policy = policy;
    }

    public static void write(Dataset dataset, Appendable out, BulkDataPolicy policy) throws IOException {
        new DicomJsonWriter(out, policy).dataset(dataset, "");
    }

    public static String toJson(Dataset dataset, BulkDataPolicy policy) throws IOException {
        StringBuilder json = new StringBuilder(4096);
        write(dataset, json, policy);
        return json.toString();
    }

    private void dataset(Dataset dataset, String path) throws IOException {
        out.append('{');
        boolean first = true;
        SpecificCharacterSet cs = dataset.specificCharacterSet();
        for (Element e : dataset) {
            if (Tags.isGroupLength(e.tag())) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            String key = Tags.hex(e.tag());
            out.append('"')
                    .append(key)
                    .append("\":{\"vr\":\"")
                    .append(e.vr().name())
                    .append('"');
            element(e, cs, path.isEmpty() ? key : path + "/" + key);
            out.append('}');
        }
        out.append('}');
    }

    private void element(Element e, SpecificCharacterSet cs, String path) throws IOException {
        VR vr = e.vr();
        if (vr == VR.SQ) {
            Sequence items = e.items();
            if (!items.isEmpty()) {
                out.append(",\"Value\":[");
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    dataset(items.get(i), path + "/" + i);
                }
                out.append(']');
            }
            return;
        }
        if (vr.kind() == VR.Kind.BYTES) {
            String uri = policy.uri(path, e);
            if (uri != null) {
                out.append(",\"BulkDataURI\":");
                string(uri);
            } else if (!e.isEncapsulated() && !e.isEmpty()) {
                out.append(",\"InlineBinary\":\"");
                base64(e);
                out.append('"');
            }
            return;
        }
        if (e.isEmpty() || vr.isText() && isOneEmptyValue(e, cs)) {
            return;
        }
        out.append(",\"Value\":[");
        switch (vr.kind()) {
            case PERSON_NAME ->
                personNames(e.personNames(cs).stream()
                        .map(DicomJsonWriter::trimCarets)
                        .toList());
            case TEXT -> strings(e.strings(cs));
            case DECIMAL_STRING, INTEGER_STRING -> numberStrings(e.strings(cs), vr == VR.IS);
            case INTEGER -> integers(e);
            case FLOAT -> floats(e);
            case TAG -> tags(e);
            default -> throw new IllegalStateException("unexpected VR " + vr);
        }
        out.append(']');
    }

    /** A value of only padding (or, for PN, only empty components) is written as no value, as DCMTK does. */
    private static boolean isOneEmptyValue(Element e, SpecificCharacterSet cs) {
        List<String> values = e.strings(cs);
        if (values.size() != 1) {
            return false;
        }
        return e.vr() == VR.PN
                ? trimCarets(PersonName.parse(values.get(0))).toString().isEmpty()
                : values.get(0).isEmpty();
    }

    /** Trailing empty name components ({@code ^}) carry no information (PS3.5 §6.2.1.1). */
    private static PersonName trimCarets(PersonName name) {
        return new PersonName(
                stripCarets(name.alphabetic()), stripCarets(name.ideographic()), stripCarets(name.phonetic()));
    }

    private static String stripCarets(String group) {
        int end = group.length();
        while (end > 0 && (group.charAt(end - 1) == '^' || group.charAt(end - 1) == ' ')) {
            end--;
        }
        return group.substring(0, end);
    }

    private void strings(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            separator(i);
            if (values.get(i).isEmpty()) {
                out.append("null");
            } else {
                string(values.get(i));
            }
        }
    }

    private void personNames(List<PersonName> names) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            separator(i);
            PersonName n = names.get(i);
            if (n.alphabetic().isEmpty()
                    && n.ideographic().isEmpty()
                    && n.phonetic().isEmpty()) {
                out.append("null");
                continue;
            }
            out.append('{');
            boolean first = true;
            for (String[] group : new String[][] {
                {"Alphabetic", n.alphabetic()}, {"Ideographic", n.ideographic()}, {"Phonetic", n.phonetic()}
            }) {
                if (!group[1].isEmpty()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append('"').append(group[0]).append("\":");
                    string(group[1]);
                }
            }
            out.append('}');
        }
    }

    private void numberStrings(List<String> values, boolean integer) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            separator(i);
            String v = values.get(i);
            String number = integer ? JsonNumbers.integer(v) : JsonNumbers.decimal(v);
            if (v.isEmpty()) {
                out.append("null");
            } else if (number != null) {
                out.append(number);
            } else {
                string(v);
            }
        }
    }

    private void integers(Element e) throws IOException {
        long[] values = e.longs();
        for (int i = 0; i < values.length; i++) {
            separator(i);
            out.append(e.vr() == VR.UV ? Long.toUnsignedString(values[i]) : Long.toString(values[i]));
        }
    }

    private void floats(Element e) throws IOException {
        double[] values = e.doubles();
        for (int i = 0; i < values.length; i++) {
            separator(i);
            double v = values[i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                string(Double.toString(v));
            } else {
                out.append(e.vr() == VR.FL ? Float.toString((float) v) : Double.toString(v));
            }
        }
    }

    private void tags(Element e) throws IOException {
        long[] values = e.longs();
        for (int i = 0; i < values.length; i++) {
            separator(i);
            out.append('"').append(Tags.hex((int) values[i])).append('"');
        }
    }

    private void separator(int index) throws IOException {
        if (index > 0) {
            out.append(',');
        }
    }

    /** Base64 in chunks of 3 KiB, so a large value streams from its file instead of filling memory twice. */
    private void base64(Element e) throws IOException {
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] chunk = new byte[3 * 1024];
        try (InputStream in = e.bulkData().openStream()) {
            int n;
            while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                byte[] part = n == chunk.length ? chunk : Arrays.copyOf(chunk, n);
                out.append(new String(encoder.encode(part), StandardCharsets.US_ASCII));
            }
        }
    }

    private void string(String s) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
