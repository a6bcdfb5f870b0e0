package org.openahi.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dicom.io.DicomWriter;
import org.openahi.server.aws.auth.SigV4Signer;
import org.openahi.server.config.ServerConfig;

/**
 * The work the launcher's training start performs, so that the JDK's AOT cache it writes holds the ingest path's
 * classes and method profiles, not only the start-up's: a data store, then generated CT-like slices (512 x 512,
 * 16-bit) stored by STOW-RS, their frames read back decoded and as stored, their metadata and a QIDO-RS search. With
 * a cache trained by a start only, a fresh server spent as much CPU on a 1,000-slice ingest as without one; trained on
 * an ingest, 1-3 s less and 7-13 % more instances/s (docs/benchmarks.md).
 *
 * <pre>java -cp openahi-server.jar org.openahi.server.TrainingLoad http://127.0.0.1:PORT/</pre>
 *
 * Signs with the server's default credentials, which a training start runs with.
 */
public final class TrainingLoad {
    private static final int SLICES = 160;
    private static final int SIZE = 512;
    private static final Pattern DATASTORE_ID = Pattern.compile("\"datastoreId\"\\s*:\\s*\"([0-9a-f]+)\"");

    private final HttpClient client = HttpClient.newHttpClient();
    private final SigV4Signer signer = new SigV4Signer(
            ServerConfig.DEFAULT_ACCESS_KEY_ID,
            ServerConfig.DEFAULT_SECRET_ACCESS_KEY,
            "us-east-1",
            "medical-imaging",
            Clock.systemUTC());
    private final String base;

    private TrainingLoad(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    public static void main(String[] args) throws Exception {
        new TrainingLoad(args[0]).run();
    }

    private void run() throws IOException, InterruptedException {
        String created = send(
                "POST",
                "datastore",
                "application/json",
                "{\"datastoreName\":\"training\",\"clientToken\":\"training\"}".getBytes(StandardCharsets.UTF_8));
        Matcher id = DATASTORE_ID.matcher(created);
        if (!id.find()) {
            throw new IOException("CreateDatastore answered " + created);
        }
        String datastore = "datastore/" + id.group(1);
        for (int i = 0; i < 100 && !send("GET", datastore, null, null).contains("ACTIVE"); i++) {
            Thread.sleep(100);
        }
        String study = "2.25.1" + System.nanoTime();
        String series = study + ".1";
        SplittableRandom random = new SplittableRandom(1);
        for (int slice = 1; slice <= SLICES; slice++) {
            String instance = series + "." + slice;
            send("POST", datastore + "/studies", "application/dicom", slice(study, series, instance, slice, random));
            String path = datastore + "/studies/" + study + "/series/" + series + "/instances/" + instance;
            send("GET", path + "/frames/1", "multipart/related; type=\"application/octet-stream\"", null);
            send("GET", path + "/frames/1", "multipart/related; type=\"image/jphc\"", null);
            send("GET", path + "/metadata", "application/dicom+json", null);
        }
        send(
                "GET",
                datastore + "/studies/" + study + "/series/" + series + "/instances",
                "application/dicom+json",
                null);
    }

    /** A CT-like slice: a disc of soft tissue with noise inside air, as a scanner's 12-bit values in 16 bits. */
    private static byte[] slice(String study, String series, String instance, int number, SplittableRandom random)
            throws IOException {
        byte[] pixels = new byte[SIZE * SIZE * 2];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double r = Math.hypot(x - SIZE / 2.0, y - SIZE / 2.0) / (SIZE / 2.0);
                int value = r < 0.9 ? 1000 + (int) (40 * Math.sin(x / 9.0 + number) + random.nextInt(60)) : 24;
                pixels[2 * (y * SIZE + x)] = (byte) value;
                pixels[2 * (y * SIZE + x) + 1] = (byte) (value >> 8);
            }
        }
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.putStrings(Tag.SOPInstanceUID, VR.UI, instance);
        dataset.putStrings(Tag.StudyInstanceUID, VR.UI, study);
        dataset.putStrings(Tag.SeriesInstanceUID, VR.UI, series);
        dataset.putStrings(Tag.Modality, VR.CS, "CT");
        dataset.putStrings(Tag.PatientID, VR.LO, "TRAINING");
        dataset.putStrings(Tag.InstanceNumber, VR.IS, Integer.toString(number));
        dataset.putLongs(Tag.SamplesPerPixel, VR.US, 1);
        dataset.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.putLongs(Tag.Rows, VR.US, SIZE);
        dataset.putLongs(Tag.Columns, VR.US, SIZE);
        dataset.putLongs(Tag.BitsAllocated, VR.US, 16);
        dataset.putLongs(Tag.BitsStored, VR.US, 12);
        dataset.putLongs(Tag.HighBit, VR.US, 11);
        dataset.putLongs(Tag.PixelRepresentation, VR.US, 0);
        dataset.put(org.openahi.dicom.Element.of(Tag.PixelData, VR.OW, pixels));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DicomWriter.write(file, dataset, TransferSyntax.ExplicitVRLittleEndian);
        return file.toByteArray();
    }

    /** A signed request; its body as text (what a failure answered is training that did not happen, not an error). */
    private String send(String method, String path, String type, byte[] body) throws IOException, InterruptedException {
        URI uri = URI.create(base + path);
        Map<String, String> headers = new LinkedHashMap<>();
        if (type != null) {
            headers.put(body == null ? "Accept" : "Content-Type", type);
        }
        byte[] payload = body == null ? new byte[0] : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signer.sign(method, uri, headers, payload).forEach(request::header);
        return new String(
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                        .body(),
                StandardCharsets.ISO_8859_1);
    }
}
