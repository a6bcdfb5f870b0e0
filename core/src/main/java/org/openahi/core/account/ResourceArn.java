package org.openahi.core.account;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed AHI resource ARN: a data store, or an image set inside one. */
public record ResourceArn(
        String partition, String region, String accountId, String datastoreId, Optional<String> imageSetId) {
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws(?:-us-gov|-iso|-iso-b|-cn)?):medical-imaging:([a-z0-9-]+):([0-9]{12}):datastore/([0-9a-z]{32})"
                    + "(?:/imageset/([0-9a-z]{32}))?");

    /** Parses an ARN of the model's {@code Arn} shape; empty when the text is not one. */
    public static Optional<ResourceArn> parse(String text) {
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new ResourceArn(m.group(1), m.group(2), m.group(3), m.group(4), Optional.ofNullable(m.group(5))));
    }

    public boolean belongsTo(Account account) {
        return partition.equals("aws") && region.equals(account.region()) && accountId.equals(account.accountId());
    }
}
