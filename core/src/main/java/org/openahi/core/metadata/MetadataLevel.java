package org.openahi.core.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where an attribute sits in AHI's metadata document. The Patient, Study and Series attributes are listed in
 * {@code levels.tsv} (AHI's "metadata normalization"); every other attribute, File Meta included, belongs to
 * the instance.
 */
public enum MetadataLevel {
    PATIENT,
    STUDY,
    SERIES,
    INSTANCE;

    private static final Map<Integer, MetadataLevel> LEVELS = load();

    /** The level of a top-level attribute. */
    public static MetadataLevel of(int tag) {
        return LEVELS.getOrDefault(tag, INSTANCE);
    }

    private static Map<Integer, MetadataLevel> load() {
        Map<Integer, MetadataLevel> levels = new HashMap<>();
        try (InputStream in = MetadataLevel.class.getResourceAsStream("levels.tsv")) {
            if (in == null) {
                throw new IllegalStateException("levels.tsv is missing from the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                levels.put(Integer.parseUnsignedInt(fields[1], 16), valueOf(fields[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(levels);
    }
}
