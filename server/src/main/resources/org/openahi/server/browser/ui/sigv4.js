// Signs one request with AWS Signature Version 4 in the browser (WebCrypto), for signing in: the secret key is used
// here once and never stored or sent. WebCrypto needs a secure context: https, or http on localhost / 127.0.0.1.
const enc = new TextEncoder();
const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text) => hex(await crypto.subtle.digest("SHA-256", enc.encode(text)));
async function hmac(key, text) {
  const k = await crypto.subtle.importKey("raw", typeof key === "string" ? enc.encode(key) : key,
    { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", k, enc.encode(text));
}

/** The headers that sign `method path` (no query) with `body` for service medical-imaging in `region`. */
export async function sigv4Headers({ method, path, body = "", region, accessKeyId, secretAccessKey, host = location.host }) {
  if (!crypto.subtle) {
    throw new Error("This page is not a secure context (use https, or http://localhost): the browser cannot sign");
  }
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/medical-imaging/aws4_request`;
  const signedHeaders = "host;x-amz-date";
  const canonical = [method, path, "", `host:${host}`, `x-amz-date:${amzDate}`, "", signedHeaders,
    await sha256(body)].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, await sha256(canonical)].join("\n");
  let key = await hmac("AWS4" + secretAccessKey, day);
  for (const part of [region, "medical-imaging", "aws4_request"]) key = await hmac(key, part);
  const signature = hex(await hmac(key, toSign));
  return {
    "x-amz-date": amzDate,
    Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
