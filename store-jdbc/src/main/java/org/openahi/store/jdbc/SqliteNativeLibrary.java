package org.openahi.store.jdbc;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Points sqlite-jdbc at a native library unpacked beside its jar at build time ({@code sqlite-native/}, see the
 * server's pom), when there is one. Without it, sqlite-jdbc extracts its library to a temporary file on every start
 * and compares it with the jar's copy byte by byte: a fifth of the server's start-up time.
 */
final class SqliteNativeLibrary {
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {}

    static synchronized void useUnpackedCopy() {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        try {
            Path jar = Path.of(SQLiteJDBCLoader.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path folder = jar.resolveSibling("sqlite-native")
                    .resolve(LibraryLoaderUtil.getNativeLibResourcePath().substring(1));
            String name = LibraryLoaderUtil.getNativeLibName();
            if (Files.isRegularFile(folder.resolve(name))) {
                System.setProperty(PATH_PROPERTY, folder.toString());
                System.setProperty(NAME_PROPERTY, name);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No unpacked copy to use: sqlite-jdbc extracts its own, as it always can.
        }
    }
}
