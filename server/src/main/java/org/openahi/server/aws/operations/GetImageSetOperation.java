package org.openahi.server.aws.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.core.tier.StorageTiers;
import org.openahi.core.tier.TierState;
import org.openahi.server.aws.protocol.Input;
import org.openahi.server.aws.protocol.InputMember;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.aws.protocol.Timestamps;

/**
 * GetImageSet: the properties recorded for the requested version (the latest by default), with the image set's storage
 * tier and last access. Reading them is not an access.
 */
public final class GetImageSetOperation implements OperationHandler {
    private static final InputMember DATASTORE_ID = InputMember.of("datastoreId");
    private static final InputMember IMAGE_SET_ID = InputMember.of("imageSetId");
    private static final InputMember VERSION_ID = InputMember.of("versionId");
    private final ImageSetReads imageSets;
    private final StorageTiers tiers;

    public GetImageSetOperation(ImageSetReads imageSets, StorageTiers tiers) {
        this.imageSets = imageSets;
        this.tiers = tiers;
    }

    @Override
    public String operation() {
        return "GetImageSet";
    }

    @Override
    public ObjectNode handle(Input input) {
        ImageSetReads.Found found =
                imageSets.get(input.string(DATASTORE_ID), input.string(IMAGE_SET_ID), input.optionalString(VERSION_ID));
        ObjectNode output = ImageSetDocuments.version(found.version(), "imageSetWorkflowStatus")
                .put("datastoreId", found.imageSet().datastoreId())
                .put("imageSetArn", imageSets.arn(found.imageSet()));
        TierState tier = tiers.state(found.imageSet());
        output.put("storageTier", tier.tier().name());
        output.set("lastAccessedAt", Timestamps.epochSeconds(tier.lastAccessedAt()));
        return output;
    }
}
