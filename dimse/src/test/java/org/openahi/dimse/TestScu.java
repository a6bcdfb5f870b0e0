package org.openahi.dimse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomFile;
import org.openahi.dicom.io.DicomReader;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.dimse.message.Requests;
import org.openahi.dimse.ul.AcceptedContext;
import org.openahi.dimse.ul.Association;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.dimse.ul.Message;
import org.openahi.dimse.ul.MessageHandler;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.UserInformation;

/** A small SCU built on openahi's upper layer, for what DCMTK's tools cannot send (HTJ2K, N-ACTION). */
final class TestScu implements AutoCloseable {
    final Association association;

    private TestScu(Association association) {
        this.association = association;
    }

    static TestScu open(
            int port,
            String calledAeTitle,
            List<PresentationContext.Proposed> contexts,
            List<UserInformation.RoleSelection> roles,
            MessageHandler handler)
            throws IOException {
        AssociationSettings settings = AssociationSettings.defaults();
        return new TestScu(Association.open(
                new InetSocketAddress("127.0.0.1", port),
                Association.proposal("TESTSCU", calledAeTitle, contexts, roles, settings),
                settings,
                handler,
                DimseObserver.NONE));
    }

    /** One context per file: its SOP class in its own transfer syntax. */
    static List<PresentationContext.Proposed> contextsFor(List<Path> files) throws IOException {
        List<PresentationContext.Proposed> contexts = new ArrayList<>();
        for (Path file : files) {
            DicomFile dicom = DicomReader.read(file);
            contexts.add(new PresentationContext.Proposed(
                    2 * contexts.size() + 1,
                    dicom.dataset().getString(Tag.SOPClassUID),
                    List.of(dicom.transferSyntaxUid())));
        }
        return contexts;
    }

    /** C-STORE of a file in its own transfer syntax; the final response. */
    Message store(Path file) throws Exception {
        DicomFile dicom = DicomReader.read(file);
        return store(dicom.dataset(), dicom.transferSyntaxUid());
    }

    /** C-STORE of a data set in a transfer syntax; the final response. */
    Message store(Dataset dataset, String transferSyntaxUid) throws Exception {
        AcceptedContext context = association.contextsFor(dataset.getString(Tag.SOPClassUID)).stream()
                .filter(candidate -> candidate.transferSyntax().equals(transferSyntaxUid))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no accepted context for " + transferSyntaxUid));
        return association
                .invoke(
                        context,
                        Requests.store(
                                dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID), null, 0),
                        out -> DicomWriter.writeDataset(out, dataset, TransferSyntax.of(transferSyntaxUid)),
                        pending -> {})
                .get(60, TimeUnit.SECONDS);
    }

    /** Any request; pending responses go to {@code pending}; the final response. */
    Message invoke(AcceptedContext context, Dataset command, Association.DataWriter data, Consumer<Message> pending)
            throws Exception {
        return association.invoke(context, command, data, pending).get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        association.release();
    }
}
