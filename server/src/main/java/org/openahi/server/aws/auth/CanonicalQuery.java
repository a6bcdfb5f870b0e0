package org.openahi.server.aws.auth;

import java.util.ArrayList;
import java.util.List;
import org.openahi.server.http.HttpError;
import org.openahi.server.http.Percent;

/** SigV4's canonical query string: every name and value decoded, re-encoded strictly, sorted by name then value. */
final class CanonicalQuery {
    private CanonicalQuery() {}

    /** @param excluded a parameter name left out (a presigned URL's X-Amz-Signature), or null */
    static void append(String rawQuery, String excluded, StringBuilder out) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = reencode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.equals(excluded)) {
                pairs.add(new String[] {name, reencode(equals < 0 ? "" : pair.substring(equals + 1))});
            }
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                out.append('&');
            }
            out.append(pairs.get(i)[0]).append('=').append(pairs.get(i)[1]);
        }
    }

    private static String reencode(String raw) {
        StringBuilder encoded = new StringBuilder(raw.length() + 8);
        try {
            Percent.encode(Percent.decode(raw), false, encoded);
        } catch (IllegalArgumentException e) {
            throw HttpError.serialization("Malformed query string: " + e.getMessage());
        }
        return encoded.toString();
    }
}
