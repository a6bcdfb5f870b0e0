package org.openahi.server.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openahi.core.datastore.Datastore;
import org.openahi.server.http.WireResponse;

/**
 * The bundled OHIF viewer at {@value #PREFIX}: its prebuilt files, installed from npm and moved under {@value #PREFIX}
 * by {@code viewer/install.sh} (never committed), any other path its single page, and an {@code app-config.js} made for each request
 * with one DICOMweb data source per ACTIVE data store, configured as AWS configures OHIF for AHI
 * (ahi-behaviour.md §11). The viewer's requests carry the sign-in session's cookie (same origin).
 */
final class Viewer {
    static final String PREFIX = "/viewer/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The frame representations AWS's OHIF deployment for AHI asks for, in order (ahi-behaviour.md §11). */
    private static final List<String> FRAME_ACCEPT = List.of(
            "multipart/related; type=image/jphc; transfer-syntax=1.2.840.10008.1.2.4.202",
            "multipart/related; type=image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90",
            "multipart/related; type=image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50",
            "multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1");

    private final Path root;

    Viewer(Path root) {
        this.root = root;
    }

    /** Whether the viewer's files are there (index.html and its bundle). */
    static boolean installed(Path root) {
        return Files.isRegularFile(root.resolve("index.html")) && Files.isRegularFile(root.resolve("app-config.js"));
    }

    /** The viewer's answer for a path under {@value #PREFIX} (relative to it, possibly empty). */
    WireResponse serve(String relative, List<Datastore> datastores) {
        if (relative.equals("app-config.js")) {
            return new WireResponse(
                    200,
                    Map.of("Content-Type", "text/javascript; charset=utf-8", "Cache-Control", "no-store"),
                    appConfig(datastores).getBytes(StandardCharsets.UTF_8));
        }
        if (!relative.isEmpty() && !relative.equals("index.html")) {
            Optional<WireResponse> file = StaticFiles.file(root, relative, "max-age=3600");
            if (file.isPresent()) {
                return file.get();
            }
            // Chunks are loaded relative to the page, which may be a route several segments deep.
            String name = relative.substring(relative.lastIndexOf('/') + 1);
            if (name.contains(".")) {
                return StaticFiles.file(root, name, "max-age=3600")
                        .orElseGet(() -> new WireResponse(
                                404,
                                Map.of("Content-Type", "text/plain"),
                                ("No viewer file " + relative).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return StaticFiles.file(root, "index.html", "no-cache").orElseThrow();
    }

    /** The viewer's configuration: one data source per data store, its DICOMweb root on this server. */
    static String appConfig(List<Datastore> datastores) {
        ArrayNode sources = JsonNodeFactory.instance.arrayNode();
        for (Datastore datastore : datastores) {
            ObjectNode source = sources.addObject();
            source.put("namespace", "@ohif/extension-default.dataSourcesModule.dicomweb");
            source.put("sourceName", sourceName(datastore.id()));
            ObjectNode configuration = source.putObject("configuration");
            configuration.put("friendlyName", datastore.name() + " (" + datastore.id() + ")");
            configuration.put("name", sourceName(datastore.id()));
            configuration.put("wadoUriRoot", "@ROOT@" + datastore.id());
            configuration.put("qidoRoot", "@ROOT@" + datastore.id());
            configuration.put("wadoRoot", "@ROOT@" + datastore.id());
            configuration.put("qidoSupportsIncludeField", false);
            configuration.put("supportsFuzzyMatching", false);
            configuration.put("supportsWildcard", false);
            configuration.put("supportsReject", false);
            configuration.put("imageRendering", "wadors");
            configuration.put("thumbnailRendering", "wadors");
            configuration.put("enableStudyLazyLoad", true);
            configuration.put("omitQuotationForMultipartRequest", true);
            configuration.put("singlepart", "bulkdata,video");
            configuration.putObject("bulkDataURI").put("enabled", true).put("relativeResolution", "studies");
            ArrayNode accept = configuration.putArray("acceptHeader");
            FRAME_ACCEPT.forEach(accept::add);
        }
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("routerBasename", PREFIX.substring(0, PREFIX.length() - 1));
        config.putArray("extensions");
        config.putArray("modes");
        config.putObject("customizationService");
        config.put("showStudyList", true);
        config.put("maxNumberOfWebWorkers", 2);
        config.put("showWarningMessageForCrossOrigin", false);
        config.put("showCPUFallbackMessage", true);
        config.put("showLoadingIndicator", true);
        config.put("strictZSpacingForVolumeViewport", true);
        config.put("investigationalUseDialog", "never");
        config.set("dataSources", sources);
        if (!datastores.isEmpty()) {
            config.put("defaultDataSourceName", sourceName(datastores.get(0).id()));
        }
        try {
            String json = JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(config)
                    .replace("\"@ROOT@", "window.location.origin + \"/datastore/");
            return "// Made by openahi for this server's data stores.\nwindow.config = " + json + ";\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sourceName(String datastoreId) {
        return "ahi-" + datastoreId;
    }
}
