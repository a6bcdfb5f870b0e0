package org.openahi.dimse.ul;

import java.io.ByteArrayOutputStream;

/** Data sinks every association uses. */
public final class DataSinks {

    private DataSinks() {}

    /** Keeps the data set in memory; past {@code limit} bytes it is refused. */
    public static DataSink inMemory(long limit) {
        return new DataSink() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private long received;

            @Override
            public void write(byte[] buffer, int offset, int length) {
                received += length;
                if (received <= limit) {
                    bytes.write(buffer, offset, length);
                } else if (bytes.size() > 0) {
                    bytes.reset();
                }
            }

            @Override
            public ReceivedData finish() {
                return received <= limit
                        ? new ReceivedData.InMemory(bytes.toByteArray())
                        : new ReceivedData.Refused("data set of " + received + " bytes is over the limit of " + limit);
            }

            @Override
            public void discard() {
                bytes.reset();
            }
        };
    }
}
