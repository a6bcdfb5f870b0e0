package org.openahi.server.dicomweb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an Accept header (RFC 9110 §12.5.1) as DICOMweb uses them (PS3.18 §8.7): a media range with its
 * parameters ({@code type} and {@code transfer-syntax} for multipart/related) and its quality. Names are lower
 * case; parameter values are unquoted.
 */
record MediaRange(String mediaType, Map<String, String> parameters, double quality) {

    /** Every media range of the Accept header values, best quality first (an absent header accepts anything). */
    static List<MediaRange> parseAccept(List<String> headerValues) {
        List<MediaRange> ranges = new ArrayList<>();
        for (String value : headerValues) {
            for (String entry : split(value, ',')) {
                if (!entry.isBlank()) {
                    ranges.add(parse(entry));
                }
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(new MediaRange("*/*", Map.of(), 1.0));
        }
        ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed());
        return ranges.stream().filter(range -> range.quality() > 0).toList();
    }

    static MediaRange parse(String text) {
        List<String> parts = split(text, ';');
        String mediaType = parts.get(0).strip().toLowerCase(Locale.ROOT);
        if (!mediaType.contains("/")) {
            throw DicomWebError.badRequest("Malformed media type in Accept: '" + text.strip() + "'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        double quality = 1.0;
        for (String parameter : parts.subList(1, parts.size())) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = unquote(parameter.substring(equals + 1).strip());
            if (name.equals("q")) {
                try {
                    quality = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw DicomWebError.badRequest("Malformed quality '" + value + "' in Accept");
                }
            } else {
                parameters.put(name, name.equals("type") ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
        return new MediaRange(mediaType, Map.copyOf(parameters), quality);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Whether this range accepts the media type {@code type/subtype} (wildcards allowed on this side). */
    boolean accepts(String concreteType) {
        if (mediaType.equals("*/*") || mediaType.equals(concreteType)) {
            return true;
        }
        return mediaType.endsWith("/*") && concreteType.startsWith(mediaType.substring(0, mediaType.length() - 1));
    }

    /** Whether the range's transfer-syntax parameter (absent: {@code defaultSyntax}; "*": any) allows the syntax. */
    boolean acceptsTransferSyntax(String transferSyntax, String defaultSyntax) {
        String wanted = parameter("transfer-syntax").orElse(defaultSyntax);
        return wanted.equals("*") || wanted.equals(transferSyntax);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    /** Splits on the separator outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
