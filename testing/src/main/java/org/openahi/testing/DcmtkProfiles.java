package org.openahi.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Association profiles for DCMTK's network tools (their {@code --config-file}): the command-line options of storescu
 * propose only the syntaxes DCMTK knows, and compressed ones only on request, so tests that send files in their own
 * transfer syntax describe the presentation contexts themselves.
 */
public final class DcmtkProfiles {
    /** The profile name the files written here define. */
    public static final String PROFILE = "Own";

    /** A presentation context to propose: a SOP class UID and one transfer syntax UID. */
    public record Context(String sopClassUid, String transferSyntaxUid) {}

    private DcmtkProfiles() {}

    /**
     * Writes a profile for an SCU (storescu) proposing one context per distinct entry (at most 128, DCMTK's and PS3.8's
     * limit) into a new file in {@code directory}; pass it as {@code -xf <file> Own}.
     */
    public static Path write(Path directory, Collection<Context> contexts) throws IOException {
        List<Context> distinct = contexts.stream().distinct().toList();
        if (distinct.size() > 128) {
            throw new IllegalArgumentException(distinct.size() + " presentation contexts; an association takes 128");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            groups.put("TS" + i, List.of(distinct.get(i).transferSyntaxUid()));
        }
        List<String> sopClasses = distinct.stream().map(Context::sopClassUid).toList();
        return profile(directory, groups, sopClasses);
    }

    /**
     * Writes a profile for an SCP (storescp) accepting, for each SOP class of the entries, every transfer syntax the
     * entries name for it (DCMTK's SCPs take one context per SOP class).
     */
    public static Path writeForScp(Path directory, Collection<Context> contexts) throws IOException {
        Map<String, List<String>> bySopClass = new LinkedHashMap<>();
        contexts.stream()
                .distinct()
                .forEach(context -> bySopClass
                        .computeIfAbsent(context.sopClassUid(), sop -> new ArrayList<>())
                        .add(context.transferSyntaxUid()));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String> sopClasses = new ArrayList<>(bySopClass.keySet());
        for (int i = 0; i < sopClasses.size(); i++) {
            groups.put("TS" + i, bySopClass.get(sopClasses.get(i)));
        }
        return profile(directory, groups, sopClasses);
    }

    /** Transfer syntax group {@code TSi} for the i-th SOP class. */
    private static Path profile(Path directory, Map<String, List<String>> groups, List<String> sopClasses)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of("[[TransferSyntaxes]]"));
        groups.forEach((name, syntaxes) -> {
            lines.add("[" + name + "]");
            for (int i = 0; i < syntaxes.size(); i++) {
                lines.add("TransferSyntax" + (i + 1) + " = " + syntaxes.get(i));
            }
        });
        lines.add("[[PresentationContexts]]");
        lines.add("[" + PROFILE + "]");
        for (int i = 0; i < sopClasses.size(); i++) {
            lines.add("PresentationContext" + (i + 1) + " = " + sopClasses.get(i) + "\\TS" + i);
        }
        lines.add("[[Profiles]]");
        lines.add("[" + PROFILE + "]");
        lines.add("PresentationContexts = " + PROFILE);
        Path file = Files.createTempFile(directory, "dcmtk-", ".cfg");
        Files.write(file, lines);
        return file;
    }
}
