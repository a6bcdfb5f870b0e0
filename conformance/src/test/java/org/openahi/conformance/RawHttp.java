package org.openahi.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Hand-rolled HTTP/1.1 over a socket, for wire checks the SDK cannot make (malformed or tampered
 * requests, odd Host headers). Requests are signed with the SDK's own SigV4 signer, so only what a test
 * changes on purpose differs from what a real client sends.
 */
final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String errorType() {
            return header("x-amzn-ErrorType");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Response body is not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String message() {
            return json().path("message").asText();
        }
    }

    /** A request to sign and send; tests change fields to break it in one precise way. */
    static final class Request {
        String method = "GET";
        String host;
        String path = "/";
        String query = "";
        byte[] body = new byte[0];
        Map<String, String> headers = new LinkedHashMap<>();
        String accessKeyId = TestServer.ACCESS_KEY_ID;
        String secret = TestServer.SECRET_ACCESS_KEY;
        String region = TestServer.REGION;
        String service = "medical-imaging";
        Clock clock = Clock.systemUTC();
        /** Sends the body aws-chunked with chunk signatures, as the SDK signs it for S3. */
        boolean chunkSigned;
        /** Signs in the query string (a presigned URL) valid for this long, instead of an Authorization header. */
        java.time.Duration presignedFor;

        Request(TestServer server) {
            this(server.port());
        }

        Request(int port) {
            host = "localhost:" + port;
        }

        Request method(String value) {
            method = value;
            return this;
        }

        Request path(String value) {
            path = value;
            return this;
        }

        Request query(String value) {
            query = value;
            return this;
        }

        Request body(String json) {
            body = json.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The headers the SDK's signer produces for this request (Host, X-Amz-Date, Authorization). */
        Map<String, List<String>> signedHeaders() {
            return sign().request().headers();
        }

        /** The request as the SDK's signer produces it: headers, query (when presigned) and payload (when chunked). */
        SignedRequest sign() {
            SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.fromValue(method))
                    .protocol("http")
                    .host(host.contains(":") ? host.substring(0, host.indexOf(':')) : host)
                    .encodedPath(path);
            if (host.contains(":")) {
                builder.port(Integer.parseInt(host.substring(host.indexOf(':') + 1)));
            }
            for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
                String[] parts = pair.split("=", 2);
                builder.appendRawQueryParameter(
                        software.amazon.awssdk.utils.http.SdkHttpUtils.urlDecode(parts[0]),
                        parts.length > 1 ? software.amazon.awssdk.utils.http.SdkHttpUtils.urlDecode(parts[1]) : "");
            }
            headers.forEach(builder::putHeader);
            if (chunkSigned) {
                builder.putHeader("Content-Length", Integer.toString(body.length));
            }
            return AwsV4HttpSigner.create().sign(r -> {
                r.identity(AwsBasicCredentials.create(accessKeyId, secret))
                        .request(builder.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock);
                if (chunkSigned) {
                    r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                            .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
                }
                if (presignedFor != null) {
                    r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignedFor);
                }
            });
        }

        /** The bytes this request sends as its body: the body, or its aws-chunked framing when chunk-signed. */
        static byte[] payload(SignedRequest signed) {
            try (InputStream in = signed.payload().orElseThrow().newStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Response send(TestServer server) {
            return send(server.port());
        }

        Response send(int port) {
            return send(port, sign());
        }

        Response send(TestServer server, SignedRequest signed) {
            return send(server.port(), signed);
        }

        /** Sends a signed request (perhaps changed since it was signed) as signed: its query, headers and payload. */
        Response send(int port, SignedRequest signed) {
            Map<String, String> wire = new LinkedHashMap<>();
            signed.request().headers().forEach((name, values) -> wire.put(name, String.join(",", values)));
            wire.remove("Content-Length");
            String rawQuery = presignedFor != null ? signed.request().getUri().getRawQuery() : query;
            return RawHttp.send(
                    port,
                    method,
                    path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery),
                    wire,
                    chunkSigned ? payload(signed) : body);
        }
    }

    /** Sends bytes exactly as given (plus Content-Length) and reads one response. */
    static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        List<String> names = new ArrayList<>();
        headers.forEach((name, value) -> {
            names.add(name.toLowerCase(Locale.ROOT));
            head.append(name).append(": ").append(value).append("\r\n");
        });
        if (!names.contains("host")) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body);
        return exchange(port, request.toByteArray());
    }

    /** Writes raw bytes (which need not be valid HTTP) and reads the response. */
    static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** A response as received (status line, headers, body), e.g. as {@code curl -i} prints it. */
    static Response parse(byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1")) { // interim answers (100 Continue) before the response
            int interimEnd = text.indexOf("\r\n\r\n") + 4;
            all = java.util.Arrays.copyOfRange(all, interimEnd, all.length);
            text = text.substring(interimEnd);
        }
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new UncheckedIOException(new IOException("Incomplete HTTP response: " + text));
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, headerEnd + 4, all.length);
        return new Response(status, headers, body);
    }
}
