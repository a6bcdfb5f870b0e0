package org.openahi.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An identity-based policy in AWS's IAM JSON grammar: {@code Version} and {@code Statement} (one object or an
 * array), each statement with {@code Sid}, {@code Effect} (Allow or Deny), {@code Action} or {@code NotAction},
 * {@code Resource} or {@code NotResource}, and {@code Condition}. What IAM would refuse (a Principal element, an
 * unknown member or operator, a missing Effect) is refused here with its place named, so a mistyped policy never
 * loads as something else.
 */
public record Policy(String name, List<Statement> statements) {
    static final String RESOURCE_TAG = "aws:resourcetag/";
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> STATEMENT_MEMBERS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

    /** One line per statement, for listing: {@code Allow medical-imaging:Get* on * when StringEquals key [values]}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Statement statement : statements) {
            StringBuilder line = new StringBuilder(statement.allow() ? "Allow " : "Deny ");
            line.append(statement.notAction() ? "all but " : "")
                    .append(String.join(", ", statement.actions()))
                    .append(" on ")
                    .append(statement.notResource() ? "all but " : "")
                    .append(String.join(", ", statement.resources()));
            for (int i = 0; i < statement.conditions().size(); i++) {
                Condition condition = statement.conditions().get(i);
                line.append(i == 0 ? " when " : " and ")
                        .append(condition.operator())
                        .append(' ')
                        .append(condition.key())
                        .append(' ')
                        .append(condition.values());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Parses a policy document; {@code where} names it in errors (e.g. "principal alice, policy 2"). */
    public static Policy parse(String where, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException(where + ": a policy is a JSON object with Version and Statement");
        }
        String name = document.path("PolicyName").asText(where);
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!Set.of("Version", "Statement", "Id", "PolicyName").contains(member)) {
                throw new IllegalArgumentException(where + ": unknown policy member '" + member + "'");
            }
        }
        JsonNode version = document.get("Version");
        if (version != null && !VERSIONS.contains(version.asText())) {
            throw new IllegalArgumentException(where + ": Version must be 2012-10-17, got '" + version.asText() + "'");
        }
        JsonNode statements = document.get("Statement");
        if (statements == null) {
            throw new IllegalArgumentException(where + ": the policy has no Statement");
        }
        List<Statement> parsed = new ArrayList<>();
        if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                parsed.add(statement(where + ", statement " + (i + 1), statements.get(i)));
            }
        } else {
            parsed.add(statement(where + ", statement 1", statements));
        }
        return new Policy(name, List.copyOf(parsed));
    }

    private static Statement statement(String where, JsonNode statement) {
        if (!statement.isObject()) {
            throw new IllegalArgumentException(where + ": a statement is a JSON object");
        }
        for (Iterator<String> names = statement.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (member.equals("Principal") || member.equals("NotPrincipal")) {
                throw new IllegalArgumentException(where + ": " + member + " belongs in resource policies; an identity "
                        + "policy applies to the principal it is attached to");
            }
            if (!STATEMENT_MEMBERS.contains(member)) {
                throw new IllegalArgumentException(where + ": unknown statement member '" + member + "'");
            }
        }
        String effect = statement.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException(where + ": Effect must be Allow or Deny, got '" + effect + "'");
        }
        boolean notAction = statement.has("NotAction");
        if (notAction == statement.has("Action")) {
            throw new IllegalArgumentException(where + ": give exactly one of Action and NotAction");
        }
        boolean notResource = statement.has("NotResource");
        if (notResource == statement.has("Resource")) {
            throw new IllegalArgumentException(where + ": give exactly one of Resource and NotResource");
        }
        List<String> actions =
                strings(where, notAction ? "NotAction" : "Action", statement.get(notAction ? "NotAction" : "Action"));
        for (String action : actions) {
            if (!action.equals("*") && !action.contains(":")) {
                throw new IllegalArgumentException(where + ": action '" + action + "' must be service:Action (e.g. "
                        + "medical-imaging:GetImageSet) or *");
            }
        }
        List<String> resources = strings(
                where,
                notResource ? "NotResource" : "Resource",
                statement.get(notResource ? "NotResource" : "Resource"));
        return new Statement(
                statement.path("Sid").asText(""),
                effect.equals("Allow"),
                actions,
                notAction,
                resources,
                notResource,
                conditions(where, statement.get("Condition")));
    }

    private static List<Condition> conditions(String where, JsonNode block) {
        List<Condition> conditions = new ArrayList<>();
        if (block == null) {
            return conditions;
        }
        if (!block.isObject()) {
            throw new IllegalArgumentException(where + ": Condition is an object of operators");
        }
        for (Map.Entry<String, JsonNode> operator : block.properties()) {
            if (!operator.getValue().isObject()) {
                throw new IllegalArgumentException(
                        where + ": Condition operator " + operator.getKey() + " takes an object of condition keys");
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                try {
                    conditions.add(Condition.of(
                            operator.getKey(),
                            key.getKey(),
                            strings(where, operator.getKey() + " " + key.getKey(), key.getValue())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
        }
        return conditions;
    }

    /** A string, number or boolean, or an array of them, as strings (IAM takes "true" and true alike). */
    private static List<String> strings(String where, String member, JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(element -> values.add(scalar(where, member, element)));
        } else {
            values.add(scalar(where, member, value));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + member + " is empty");
        }
        return List.copyOf(values);
    }

    private static String scalar(String where, String member, JsonNode value) {
        if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
            throw new IllegalArgumentException(where + ": " + member + " must be a string or an array of strings");
        }
        return value.asText();
    }
}
