package org.openahi.dimse.ul;

import java.io.IOException;

/**
 * Where the fragments of a message's data set go as they arrive. A sink may refuse the rest of a data set (too large,
 * nowhere to write it): its bytes are then read and dropped and the message is handed over as
 * {@link ReceivedData.Refused}, so the service answers with a failure status instead of the association breaking.
 */
public interface DataSink {

    /** Takes the next fragment's bytes. */
    void write(byte[] buffer, int offset, int length) throws IOException;

    /** The last fragment arrived. */
    ReceivedData finish() throws IOException;

    /** The association ended before the last fragment: nothing of the data set may remain. */
    void discard();
}
