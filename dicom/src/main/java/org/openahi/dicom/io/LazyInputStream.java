package org.openahi.dicom.io;

import java.io.IOException;
import java.io.InputStream;

/** Opens its source on first use, so a frame of many fragments holds one file open at a time. */
final class LazyInputStream extends InputStream {

    private final Frame.Opener opener;
    private InputStream in;

    LazyInputStream(Frame.Opener opener) {
        this.opener = opener;
    }

    private InputStream in() throws IOException {
        if (in == null) {
            in = opener.open();
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
