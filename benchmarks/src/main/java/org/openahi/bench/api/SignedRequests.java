package org.openahi.bench.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Raw HTTP/1.1 requests to the AHI API and DICOMweb, each signed afresh with the AWS SDK's SigV4 signer (so every request
 * pays the server's full signature check, as a real client's would).
 */
final class SignedRequests {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final URI endpoint;
    private final AwsBasicCredentials credentials;
    private final String region;

    SignedRequests(URI endpoint) {
        this.endpoint = endpoint;
        this.credentials = BenchClients.credentials();
        this.region = BenchClients.region();
    }

    byte[] get(String path) {
        return get(path, Map.of(), Map.of());
    }

    /** A GET with query parameters (unencoded values) and extra headers (e.g. Accept), which are signed too. */
    byte[] get(String path, Map<String, String> query, Map<String, String> headers) {
        return signed(SdkHttpMethod.GET, path, query, headers, new byte[0]);
    }

    /** A POST of a JSON body (none when empty) with the given query parameters (unencoded values). */
    byte[] post(String path, Map<String, String> query, String json) {
        return signed(SdkHttpMethod.POST, path, query, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] signed(
            SdkHttpMethod method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(method)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(path);
        query.forEach(unsigned::putRawQueryParameter);
        headers.forEach(unsigned::putHeader);
        if (body.length > 0) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SdkHttpRequest request = SIGNER.sign(r -> r.identity(credentials)
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "medical-imaging")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
        StringBuilder head = new StringBuilder(method.name()).append(' ').append(request.encodedPath());
        request.encodedQueryParameters().ifPresent(encoded -> head.append('?').append(encoded));
        head.append(" HTTP/1.1\r\n");
        request.headers()
                .forEach((name, values) -> head.append(name)
                        .append(": ")
                        .append(String.join(",", values))
                        .append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(body, 0, message, headBytes.length, body.length);
        return message;
    }
}
