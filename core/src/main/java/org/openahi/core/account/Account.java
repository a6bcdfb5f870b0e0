package org.openahi.core.account;

import java.util.regex.Pattern;

/**
 * Where this server pretends to live: the region and account that appear in ARNs. AHI's ARNs are
 * {@code arn:aws:medical-imaging:<region>:<account>:datastore/<id>[/imageset/<id>]}.
 */
public record Account(String region, String accountId) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    public Account {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must match [a-z0-9-]+, got '" + region + "'");
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits, got '" + accountId + "'");
        }
    }

    public String datastoreArn(String datastoreId) {
        return "arn:aws:medical-imaging:" + region + ":" + accountId + ":datastore/" + datastoreId;
    }

    public String imageSetArn(String datastoreId, String imageSetId) {
        return datastoreArn(datastoreId) + "/imageset/" + imageSetId;
    }
}
