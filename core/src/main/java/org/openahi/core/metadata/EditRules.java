package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * AHI's constraints on the attributes an UpdateImageSetMetadata edit names (its "DICOM metadata constraints"):
 * the attribute must sit at its level; generated attributes never change; UIDs, Study ID, sequences,
 * multi-valued attributes, values the VR does not allow, attributes outside the standard and private attributes
 * need {@code force}, which only non-primary image sets accept; Patient- and Series-level attributes of a
 * primary image set do not change at all.
 */
final class EditRules {
    private static final Pattern HEX_TAG = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Set<String> NEVER = Set.of("PixelData");

    private final MetadataEdit.Options options;

    EditRules(MetadataEdit.Options options) {
        this.options = options;
    }

    /** Checks one {@code DICOM} object of the edit, given at {@code level}. */
    void checkAttributes(
            JsonNode attributes, MetadataLevel level, String path, boolean removal, List<String> violations) {
        if (!attributes.isObject()) {
            violations.add(path + " must be an object of attributes");
            return;
        }
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            checkAttribute(
                    attribute.getKey(),
                    attribute.getValue(),
                    level,
                    path + "." + attribute.getKey(),
                    removal,
                    violations);
        }
    }

    /** Checks the {@code DICOMVRs} object of an instance: tags in hex, known VRs; private tags need force. */
    void checkVrs(JsonNode vrs, String path, List<String> violations) {
        if (!vrs.isObject()) {
            violations.add(path + " must be an object of tag: VR");
            return;
        }
        for (Map.Entry<String, JsonNode> entry : vrs.properties()) {
            String at = path + "." + entry.getKey();
            if (!HEX_TAG.matcher(entry.getKey()).matches()) {
                violations.add(at + ": DICOMVRs keys are tags as eight hex digits");
            } else if (vr(entry.getValue()).isEmpty()) {
                violations.add(at + ": '" + entry.getValue().asText() + "' is not a DICOM VR");
            } else if (Tags.isPrivate((int) Tags.parseHex(entry.getKey()))) {
                needForce(at, "describes a private attribute", violations);
            }
        }
    }

    private void checkAttribute(
            String key, JsonNode value, MetadataLevel level, String at, boolean removal, List<String> violations) {
        if (HEX_TAG.matcher(key).matches() && Tags.isPrivate((int) Tags.parseHex(key))) {
            if (level != MetadataLevel.INSTANCE) {
                violations.add(at + ": private attributes can only be changed on an instance");
            } else {
                needForce(at, "is a private attribute", violations);
            }
            return;
        }
        DictionaryEntry entry = HEX_TAG.matcher(key).matches()
                ? Dictionary.entry((int) Tags.parseHex(key))
                : Dictionary.forKeyword(key);
        if (entry == null) {
            needForce(at, "is not an attribute of the DICOM standard", violations);
            return;
        }
        String keyword = entry.keyword();
        if (NEVER.contains(keyword) || entry.vrs().isEmpty()) {
            violations.add(at + " cannot be changed");
            return;
        }
        MetadataLevel actual = MetadataLevel.of(entry.tag());
        if (actual != level) {
            violations.add(
                    at + " is a " + name(actual) + "-level attribute; it cannot be given at " + name(level) + " level");
            return;
        }
        if (options.primary() && (level == MetadataLevel.PATIENT || level == MetadataLevel.SERIES)) {
            violations.add(at + ": " + name(level) + "-level attributes of a primary image set cannot be changed");
            return;
        }
        if (InstanceUids.KEYWORDS.contains(keyword)) {
            if (removal) {
                violations.add(at + " cannot be removed");
            } else if (options.primary()) {
                violations.add(at + " cannot be changed on a primary image set");
            } else {
                needForce(at, "is a UID", violations);
                InstanceUids.problem(keyword, value.isTextual() ? value.asText().strip() : value.toString())
                        .ifPresent(notAUid -> violations.add(at + ": " + notAUid));
            }
            return;
        }
        if (keyword.equals("StudyID")) {
            needForce(at, "is the Study ID", violations);
        }
        if (!removal) {
            checkValue(entry, keyword, value, at, violations);
        }
    }

    private void checkValue(DictionaryEntry entry, String keyword, JsonNode value, String at, List<String> violations) {
        if (entry.vr() == VR.SQ) {
            needForce(at, "is a sequence", violations);
            if (!value.isNull() && !value.isArray()) {
                violations.add(at + ": a sequence is an array of items");
            }
            return;
        }
        if (entry.vm().allowsMultiple()) {
            needForce(at, "is multi-valued", violations);
        }
        Optional<String> problem = valueProblem(entry, value);
        problem.ifPresent(p -> needForce(at, "does not fit its VR (" + p + ")", violations));
        if (value.isTextual()) {
            SummaryLimits.violation(keyword, value.asText()).ifPresent(p -> violations.add(at + ": " + p));
        }
    }

    /** The value against the entry's VRs (any of them when the standard allows several) and multiplicity. */
    private static Optional<String> valueProblem(DictionaryEntry entry, JsonNode value) {
        if (value.isArray() != entry.vm().allowsMultiple() && !value.isNull()) {
            return Optional.of(
                    entry.vm().allowsMultiple()
                            ? "values of this attribute are an array"
                            : "this attribute has a single value");
        }
        Optional<String> last = Optional.empty();
        for (VR vr : entry.vrs()) {
            last = Optional.empty();
            for (JsonNode single : value.isArray() ? value : List.of(value)) {
                last = VrValues.problem(vr, single);
                if (last.isPresent()) {
                    break;
                }
            }
            if (last.isEmpty()) {
                return last;
            }
        }
        return last;
    }

    private void needForce(String at, String reason, List<String> violations) {
        if (options.primary()) {
            violations.add(at + " " + reason + "; it cannot be changed on a primary image set (force applies to "
                    + "non-primary image sets only)");
        } else if (!options.force()) {
            violations.add(at + " " + reason + "; changing it needs force=true");
        }
    }

    private static Optional<VR> vr(JsonNode code) {
        try {
            return code.isTextual() ? Optional.of(VR.valueOf(code.asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String name(MetadataLevel level) {
        String name = level.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
