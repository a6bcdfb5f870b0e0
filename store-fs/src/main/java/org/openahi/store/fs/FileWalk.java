package org.openahi.store.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The regular files under a folder, depth first and lazily (a folder of a million blobs is not held in memory), that
 * skips what is removed while it walks. {@link Files#find} fails the whole listing with a {@link NoSuchFileException}
 * when a file or folder it found is gone before it looks at it, and blobs (with the folders they leave empty) are
 * deleted while other threads list.
 */
final class FileWalk implements Iterator<FileWalk.Found> {
    /** A file found, with the attributes it had then. */
    record Found(Path path, BasicFileAttributes attributes) {}

    private final Predicate<Path> descend;
    private final Deque<DirectoryStream<Path>> open = new ArrayDeque<>();
    private final Deque<Iterator<Path>> entries = new ArrayDeque<>();
    private Found next;

    private FileWalk(Path folder, Predicate<Path> descend) {
        this.descend = descend;
        enter(folder);
    }

    /** The regular files under {@code folder}, not looking into the folders {@code descend} refuses. */
    static Stream<Found> files(Path folder, Predicate<Path> descend) {
        FileWalk walk = new FileWalk(folder, descend);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.NONNULL), false)
                .onClose(walk::close);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !entries.isEmpty()) {
            Iterator<Path> current = entries.peek();
            if (!current.hasNext()) {
                entries.pop();
                closeQuietly(open.pop());
                continue;
            }
            Path entry = current.next();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (attributes.isDirectory()) {
                if (descend.test(entry)) {
                    enter(entry);
                }
            } else if (attributes.isRegularFile()) {
                next = new Found(entry, attributes);
            }
        }
        return next != null;
    }

    @Override
    public Found next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Found found = next;
        next = null;
        return found;
    }

    private void enter(Path folder) {
        try {
            DirectoryStream<Path> listed = Files.newDirectoryStream(folder);
            open.push(listed);
            entries.push(listed.iterator());
        } catch (NoSuchFileException | NotDirectoryException gone) {
            // removed (or replaced) since its parent was listed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close() {
        while (!open.isEmpty()) {
            closeQuietly(open.pop());
        }
        entries.clear();
    }

    private static void closeQuietly(DirectoryStream<Path> listed) {
        try {
            listed.close();
        } catch (IOException e) {
            // a directory handle that fails to close has nothing left to give
        }
    }
}
